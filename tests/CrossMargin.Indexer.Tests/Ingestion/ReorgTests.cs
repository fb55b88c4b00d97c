using CrossMargin.Contracts;
using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Hosting;
using CrossMargin.Indexer.Storage;
using CrossMargin.Indexer.Tests.Fixtures;

namespace CrossMargin.Indexer.Tests.Ingestion;

/// <summary>
/// Reorgs of depth 1–10 under a following indexer (evm_snapshot, d blocks, evm_revert, d+1 different blocks), and a
/// node stopped and restarted mid-run: each time the index must equal a fresh backfill of the new chain and the chain.
/// </summary>
public sealed class ReorgTests
{
    private static readonly HttpClient Http = new();
    private static readonly BigInteger Usdc = BigInteger.Pow(10, 6);

    [Fact]
    public async Task Follow_ReorgsOfDepth1To10_IndexEqualsNewChain()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var rpc = new JsonRpcClient(Http, anvil.HttpUrl);
        var devnet = await DevnetDeployment.DeployAsync(rpc, anvil.Accounts[0], default);
        await OpenAccountsAsync(devnet);
        using var file = new TempSqlite();
        var options = IndexRun.Options(anvil.HttpUrl, DevnetDeployment.Of(devnet), file.ConnectionString) with { WsUrl = anvil.WsUrl, StopAfterBackfill = false };
        var host = new IndexerHost(options);
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);

        for (var depth = 1; depth <= 10; depth++)
        {
            var snapshot = await rpc.SnapshotAsync(default);
            await ActAsync(devnet, depth, variant: 0);
            await WaitIndexedAtHeadAsync(rpc, file.ConnectionString, running);
            Assert.True(await rpc.RevertAsync(snapshot, default));
            await ActAsync(devnet, depth + 1, variant: depth);
            await WaitIndexedAtHeadAsync(rpc, file.ConnectionString, running);
            await AssertEqualsFreshBackfillAsync(anvil.HttpUrl, options.Deployment, file.ConnectionString);
        }
        await ChainComparison.AssertMatchesChainAsync(new IndexerDatabase(file.ConnectionString), devnet, default);
        await stop.CancelAsync();
        await IgnoreCancellation(running);
    }

    [Fact]
    public async Task Follow_NodeStoppedAndRestarted_ResumesWithNothingLostOrDoubled()
    {
        var dir = Directory.CreateTempSubdirectory("cm-anvil-").FullName;
        var state = Path.Combine(dir, "state.json");
        // Anvil writes its state file every second; SIGKILL after that is a crash with the state the node had saved.
        var anvil = await AnvilNode.StartAsync(extraArgs: ["--state", state, "--state-interval", "1"]);
        var port = anvil.Port;
        var rpc = new JsonRpcClient(Http, anvil.HttpUrl);
        var devnet = await DevnetDeployment.DeployAsync(rpc, anvil.Accounts[0], default);
        await OpenAccountsAsync(devnet);
        using var file = new TempSqlite();
        var options = IndexRun.Options(anvil.HttpUrl, DevnetDeployment.Of(devnet), file.ConnectionString) with { WsUrl = anvil.WsUrl, StopAfterBackfill = false };
        var host = new IndexerHost(options);
        using var stop = new CancellationTokenSource();
        var running = host.RunAsync(stop.Token);
        try
        {
            await ActAsync(devnet, 3, variant: 0);
            await WaitIndexedAtHeadAsync(rpc, file.ConnectionString, running);
            await Task.Delay(1_500);
            await anvil.DisposeAsync();
            await Task.Delay(700); // the indexer sees the node gone and retries
            Assert.False(running.IsCompleted, "indexer stopped when the node went away");
            anvil = await AnvilNode.StartAsync(port, ["--state", state]);
            await ActAsync(devnet, 4, variant: 7);
            await WaitIndexedAtHeadAsync(rpc, file.ConnectionString, running);
            await AssertEqualsFreshBackfillAsync(anvil.HttpUrl, options.Deployment, file.ConnectionString);
            await ChainComparison.AssertMatchesChainAsync(new IndexerDatabase(file.ConnectionString), devnet, default);
        }
        finally
        {
            await stop.CancelAsync();
            await IgnoreCancellation(running);
            await anvil.DisposeAsync();
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task OpenAccountsAsync(DevnetOwner devnet)
    {
        var e = Artifacts.Engine;
        await devnet.SendAsync(devnet.Usdc, Artifacts.Erc20.GetFunction("mint").EncodeCall(Address.Parse(devnet.Deployer).ToArray(), BigInteger.Pow(10, 15)), default);
        for (var mode = 0; mode < 3; mode++)
            await devnet.SendAsync(devnet.Engine, e.GetFunction("openAccount").EncodeCall(mode), default);
    }

    /// <summary><paramref name="blocks"/> blocks (automine: one per transaction) whose content depends on <paramref name="variant"/>.</summary>
    private static async Task ActAsync(DevnetOwner devnet, int blocks, int variant)
    {
        var e = Artifacts.Engine;
        for (var k = 0; k < blocks; k++)
        {
            var account = 1 + (k + variant) % 3;
            switch ((k + variant) % 3)
            {
                case 0:
                    await devnet.SendAsync(devnet.Engine, e.GetFunction("deposit").EncodeCall(account, devnet.Usdc.ToArray(), (1_000 + variant * 10 + k) * Usdc), default);
                    break;
                case 1:
                    await devnet.SetPriceAsync(devnet.EthFeed, 2_000_00000000L + variant * 1_000_000 + k, default);
                    break;
                default:
                    await devnet.SendAsync(devnet.Engine, e.GetFunction("deposit").EncodeCall(1, devnet.Usdc.ToArray(), (7 + variant + k) * Usdc), default);
                    await devnet.SendAsync(devnet.Engine, e.GetFunction("trade").EncodeCall(1, 1, BigInteger.Pow(10, 15) * (1 + variant + k), BigInteger.Pow(2, 256) - 1), default);
                    k++;
                    break;
            }
        }
    }

    private static async Task WaitIndexedAtHeadAsync(IJsonRpcClient rpc, string connectionString, Task running)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var db = new IndexerDatabase(connectionString);
        while (true)
        {
            if (running.IsCompleted)
                await running; // surfaces the indexer's exception
            var head = await rpc.GetBlockByNumberAsync(BlockParameter.Latest, timeout.Token);
            await using (var c = await db.OpenReadAsync(timeout.Token))
            {
                if (await CrossMargin.Indexer.Api.ApiContext.CheckpointAsync(c) is { } cp && cp.Block == (long)head!.Number && cp.Hash == head.Hash.ToString())
                    return;
            }
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task AssertEqualsFreshBackfillAsync(Uri rpc, Deployment deployment, string following)
    {
        using var fresh = new TempSqlite();
        await IndexRun.BackfillAsync(IndexRun.Options(rpc, deployment, fresh.ConnectionString));
        Assert.Equal(
            await DatabaseDump.DumpAsync(new IndexerDatabase(fresh.ConnectionString), default),
            await DatabaseDump.DumpAsync(new IndexerDatabase(following), default));
    }

    private static async Task IgnoreCancellation(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
    }
}
