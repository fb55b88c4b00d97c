using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Tests.Fixtures;
using Xunit.Abstractions;

namespace CrossMargin.Keeper.Tests.Chain;

/// <summary>
/// A keeper killed while its liquidations sit unmined in the mempool, the market moving on while it is down, and a
/// restart from the same checkpoint and key: the book resumes from the checkpoint and ends identical to a fresh load,
/// nonces continue without a failed send, and every account is restored.
/// </summary>
[Collection(KeeperDevnetCollection.Name)]
public sealed class RestartTests(KeeperDevnet devnet, ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_WithTransactionsInMempool_RestartResumesCheckpointAndMissesNothing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = cts.Token;
        await devnet.ResetAsync(ct);
        var scenario = new KeeperScenario(devnet);
        var checkpoint = KeeperScenario.TempCheckpoint();
        var ids = (await ChainProbe.MirrorAsync(devnet.Rpc, devnet.Devnet.Engine, ct)).Book.Accounts.Keys.Order().ToList();

        var first = await scenario.StartAsync(1, checkpoint, ct);
        var step1 = await scenario.MoveAsync([KeeperScenario.ThreeStepCrash[0]], ct);
        await KeeperScenario.IdleAsync(first, step1, ct);
        // Let a periodic checkpoint cover the idle state, then freeze mining so the next liquidations stay pending.
        var checkpointed = File.GetLastWriteTimeUtc(checkpoint);
        await first.Loop.WaitAsync(() => File.Exists(checkpoint) && File.GetLastWriteTimeUtc(checkpoint) > checkpointed, ct);
        await devnet.Rpc.SetAutomineAsync(false, ct);
        var sentBefore = first.Loop.SentCount;
        await devnet.Rpc.SendTransactionAsync(new CallRequest
        {
            From = Ethereum.Primitives.Address.Parse(devnet.Devnet.Deployer), To = devnet.Devnet.EthFeed, Gas = 200_000,
            Data = Contracts.MockAggregatorContract.SetPriceFunction.Encode((Ethereum.Primitives.Int256)160_000_000_000L),
        }, ct);
        await devnet.Rpc.MineAsync(ct);
        await first.Loop.WaitAsync(() => first.Loop.SentCount > sentBefore + 5, ct);
        await first.KillAsync();
        var pendingAtKill = first.Loop.SentCount - sentBefore;

        // While it is down: its pending transactions are mined, and BTC drops too.
        await devnet.Rpc.MineAsync(ct);
        await devnet.Rpc.SetAutomineAsync(true, ct);
        var end = await scenario.MoveAsync([KeeperScenario.ThreeStepCrash[2]], ct);

        await using var second = await scenario.StartAsync(1, checkpoint, ct);
        Assert.True(second.Resumed, "the restarted keeper did not resume from its checkpoint");
        await KeeperScenario.IdleAsync(second, end, ct);
        var outcomes = second.History;
        Assert.Empty(await scenario.StillLiquidatableAsync(ids, ct));
        Assert.DoesNotContain(outcomes, o => o.Kind is OutcomeKind.SendFailed or OutcomeKind.Reverted or OutcomeKind.Dropped);

        // Nothing missed in the log stream: the resumed book equals a fresh load of the chain.
        var fresh = (await ChainProbe.MirrorAsync(devnet.Rpc, devnet.Devnet.Engine, ct)).Book;
        var resumed = second.Loop.Book.Risk;
        Assert.Equal(fresh.Accounts.Count, resumed.Accounts.Count);
        foreach (var (id, a) in fresh.Accounts)
        {
            var b = resumed.Accounts[id];
            Assert.True(a.QuoteBalance == b.QuoteBalance && a.MarketMask == b.MarketMask && a.CollateralMask == b.CollateralMask
                && a.Balances.SequenceEqual(b.Balances) && a.Positions.SequenceEqual(b.Positions), $"account {id} differs after restart");
        }
        Assert.Equal(fresh.NetSize, resumed.NetSize);
        Assert.Equal(fresh.Answers.OrderBy(kv => kv.Key.ToString()), resumed.Answers.OrderBy(kv => kv.Key.ToString()));
        output.WriteLine($"sent before kill (pending in mempool) {pendingAtKill}; after restart: {KeeperScenario.Summary(outcomes)}");
    }
}
