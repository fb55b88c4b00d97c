using System.Diagnostics;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Risk.Tests.Fixtures;

/// <summary>xunit fixture: anvil + deployed engine + <see cref="Accounts"/> seeded accounts. Shared by the chain tests.</summary>
public sealed class SeededDevnet : IAsyncLifetime
{
    public const int Accounts = 10_000;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };
    private AnvilNode? _anvil;

    internal DevnetOwner Devnet { get; private set; } = null!;
    internal BookSeeder Seeder { get; private set; } = null!;
    public JsonRpcClient Rpc { get; private set; } = null!;
    public TimeSpan SeedTime { get; private set; }
    public string Keeper => _anvil!.Accounts[1];

    public async Task InitializeAsync()
    {
        _anvil = await AnvilNode.StartAsync(extraArgs: ["--gas-limit", "1000000000"]);
        Rpc = new JsonRpcClient(Http, _anvil.HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(5), MaxBatchSize = 100 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var sw = Stopwatch.StartNew();
        Devnet = new DevnetOwner(Rpc, _anvil.Accounts[0]);
        await Devnet.DeployAsync(cts.Token);
        Seeder = new BookSeeder(Devnet, seed: 20_240_601);
        await Seeder.SeedAsync(Accounts, cts.Token);
        SeedTime = sw.Elapsed;
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SeededDevnetCollection : ICollectionFixture<SeededDevnet>
{
    public const string Name = "seeded devnet";
}
