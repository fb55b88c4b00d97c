using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Risk.Tests.Fixtures;

/// <summary>xunit fixture: its own anvil + deployed engine + <see cref="Accounts"/> seeded accounts, for tests that rewrite
/// the chain (reorgs) or need a small book; the 10,000-account <see cref="SeededDevnet"/> stays untouched.</summary>
public sealed class SmallDevnet : IAsyncLifetime
{
    public const int Accounts = 90;
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private AnvilNode? _anvil;

    internal DevnetOwner Devnet { get; private set; } = null!;
    internal BookSeeder Seeder { get; private set; } = null!;
    public JsonRpcClient Rpc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilNode.StartAsync(extraArgs: ["--gas-limit", "1000000000"]);
        Rpc = new JsonRpcClient(Http, _anvil.HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(2), MaxBatchSize = 100 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Devnet = new DevnetOwner(Rpc, _anvil.Accounts[0]);
        await Devnet.DeployAsync(cts.Token);
        Seeder = new BookSeeder(Devnet, seed: 4_242);
        await Seeder.SeedAsync(Accounts, cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class SmallDevnetCollection : ICollectionFixture<SmallDevnet>
{
    public const string Name = "small devnet";
}
