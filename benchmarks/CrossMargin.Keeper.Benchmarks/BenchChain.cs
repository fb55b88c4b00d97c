using System.Diagnostics;
using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Keeper.Benchmarks;

/// <summary>anvil + deployed engine + seeded accounts + a USDC-funded keeper key (index 1).</summary>
internal sealed class BenchChain : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(10) };

    private BenchChain(AnvilNode anvil, JsonRpcClient rpc, DevnetOwner devnet)
    {
        Anvil = anvil;
        Rpc = rpc;
        Devnet = devnet;
    }

    public AnvilNode Anvil { get; }
    public JsonRpcClient Rpc { get; }
    public DevnetOwner Devnet { get; }

    public static async Task<BenchChain> StartAsync(int accounts)
    {
        var sw = Stopwatch.StartNew();
        // Seeding runs under automine (fast); benches switch to interval mining after. No history queries: prune it.
        var anvil = await AnvilNode.StartAsync(extraArgs: ["--gas-limit", "1000000000", "--prune-history", "256"]);
        var rpc = new JsonRpcClient(Http, anvil.HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(10), MaxBatchSize = 500 });
        var devnet = new DevnetOwner(rpc, anvil.Accounts[0]);
        await devnet.DeployAsync(CancellationToken.None);
        await new BookSeeder(devnet, seed: 42).SeedAsync(accounts, CancellationToken.None);
        var mint = Artifacts.Erc20.GetFunction("mint").EncodeCall(Address.Parse(anvil.Accounts[1]).ToArray(), BigInteger.Pow(10, 18));
        await devnet.SendAsync(devnet.Usdc, mint, CancellationToken.None);
        Console.WriteLine($"chain: {accounts} accounts seeded in {sw.Elapsed.TotalSeconds:F1} s");
        return new BenchChain(anvil, rpc, devnet);
    }

    public Task<KeeperHost> StartKeeperAsync(int maxPerBlock = 64) => KeeperHost.StartAsync(new KeeperOptions
    {
        RpcUrl = Anvil.HttpUrl,
        WebSocketUrl = Anvil.WsUrl,
        Engine = Devnet.Engine,
        Key = Ethereum.Crypto.PrivateKey.FromHex(Anvil.PrivateKeys[1]),
        MaxAttemptsPerBlock = maxPerBlock,
        MaxInFlight = maxPerBlock,
    }, CancellationToken.None);

    /// <summary>evm_setIntervalMining: a block every <paramref name="blockTime"/> (whole seconds), automine off.</summary>
    public Task SetIntervalMiningAsync(TimeSpan blockTime) =>
        Rpc.SendAsync(new RpcRequest<bool>("evm_setIntervalMining", w => w.WriteNumberValue((long)blockTime.TotalSeconds), _ => true), CancellationToken.None);

    public async Task<ulong> SetPriceAsync(Address feed, double usd) =>
        (await Devnet.SendAsync(feed, MockAggregatorContract.SetPriceFunction.Encode((Int256)new BigInteger(usd * 1e8)), CancellationToken.None)).BlockNumber;

    public async ValueTask DisposeAsync() => await Anvil.DisposeAsync();
}
