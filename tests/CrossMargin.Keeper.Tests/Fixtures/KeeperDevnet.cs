using System.Numerics;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Keeper.Tests.Fixtures;

/// <summary>
/// One anvil with the engine deployed and <see cref="Accounts"/> accounts seeded (all three modes) through the
/// BatchCaller, keeper signers funded with USDC; an evm snapshot lets every test start from the same chain.
/// </summary>
public sealed class KeeperDevnet : IAsyncLifetime
{
    public const int Accounts = 1_000;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };
    private AnvilNode? _anvil;
    private string _snapshot = "";

    internal DevnetOwner Devnet { get; private set; } = null!;
    internal BookSeeder Seeder { get; private set; } = null!;
    public JsonRpcClient Rpc { get; private set; } = null!;
    public Uri HttpUrl => _anvil!.HttpUrl;
    public Uri WsUrl => _anvil!.WsUrl;

    public PrivateKey Key(int index) => PrivateKey.FromHex(KeyHex(index));

    /// <summary>The dev key as 0x-hex, for a child process's environment.</summary>
    public string KeyHex(int index) => _anvil!.PrivateKeys[index];

    public async Task InitializeAsync()
    {
        _anvil = await AnvilNode.StartAsync(extraArgs: ["--gas-limit", "1000000000"]);
        Rpc = new JsonRpcClient(Http, _anvil.HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(5), MaxBatchSize = 500 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        Devnet = new DevnetOwner(Rpc, _anvil.Accounts[0]);
        await Devnet.DeployAsync(cts.Token);
        Seeder = new BookSeeder(Devnet, seed: 7_2024);
        await Seeder.SeedAsync(Accounts, cts.Token);
        foreach (var k in new[] { 1, 2 })
        {
            var mint = Artifacts.Erc20.GetFunction("mint").EncodeCall(Address.Parse(_anvil.Accounts[k]).ToArray(), BigInteger.Pow(10, 16));
            await Devnet.SendAsync(Devnet.Usdc, mint, cts.Token);
        }
        _snapshot = await Rpc.SnapshotAsync(cts.Token);
    }

    /// <summary>Back to the seeded chain (anvil consumes a snapshot on revert, so a new one is taken).</summary>
    public async Task ResetAsync(CancellationToken ct)
    {
        Assert.True(await Rpc.RevertAsync(_snapshot, ct), "evm_revert failed");
        _snapshot = await Rpc.SnapshotAsync(ct);
        await Rpc.SetAutomineAsync(true, ct);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class KeeperDevnetCollection : ICollectionFixture<KeeperDevnet>
{
    public const string Name = "keeper devnet";
}
