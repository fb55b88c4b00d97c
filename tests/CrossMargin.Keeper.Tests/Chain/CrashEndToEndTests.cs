using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Tests.Fixtures;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Math;
using Xunit.Abstractions;

namespace CrossMargin.Keeper.Tests.Chain;

/// <summary>
/// 1,000 seeded accounts, one keeper, a scripted 30% ETH crash with BTC following (ρ = 0.8), blocks mined by hand one
/// at a time once the keeper has finished its pass on the previous one (a block per keeper round, as on a chain whose
/// block time exceeds the keeper's reaction time). Asserted: every account below maintenance margin is restored or
/// closed within N blocks of the last price update, N = ⌈A / B⌉ + D (A keeper transactions, B = the per-block bound,
/// D = 3: liquidate → collateral liquidation → bad-debt settlement, each plannable only once the previous one's block
/// is in the book); every keeper transaction hit an account that was liquidatable on the state before its block; bad
/// debt only appears where the exact model says the account's buffer could not cover a full close.
/// </summary>
[Collection(KeeperDevnetCollection.Name)]
public sealed class CrashEndToEndTests(KeeperDevnet devnet, ITestOutputHelper output)
{
    private const int DependentSteps = 3;

    [Fact]
    public async Task Crash_ThreeSteps_EveryUnderwaterAccountRestoredWithinBoundAndNoHealthyTarget()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        var ct = cts.Token;
        await devnet.ResetAsync(ct);
        var scenario = new KeeperScenario(devnet);
        var before = await ChainProbe.MirrorAsync(devnet.Rpc, devnet.Devnet.Engine, ct);
        var ids = before.Book.Accounts.Keys.Order().ToList();
        await using var keeper = await scenario.StartAsync(1, KeeperScenario.TempCheckpoint(), ct);
        Assert.True(keeper.UsesWebSocket);
        await KeeperScenario.IdleAsync(keeper, await devnet.Rpc.BlockNumberAsync(ct), ct);
        var warmup = keeper.History.Count;

        await devnet.Rpc.SetAutomineAsync(false, ct);
        var crashFrom = await devnet.Rpc.BlockNumberAsync(ct) + 1;
        ulong lastPrice = 0;
        foreach (var (eth, btc) in KeeperScenario.ThreeStepCrash)
        {
            await scenario.SendPriceAsync(devnet.Devnet.EthFeed, eth, ct);
            await scenario.SendPriceAsync(devnet.Devnet.BtcFeed, btc, ct);
            (lastPrice, _) = await MineRoundAsync(keeper, ct);
        }
        // One block per round until the keeper has nothing in flight, nothing to send, and no account is liquidatable.
        var (done, idle) = (lastPrice, false);
        while (!(idle && (await scenario.StillLiquidatableAsync(ids, ct)).Count == 0))
        {
            Assert.True(done - lastPrice < 200, $"no end in sight: {keeper.Describe()}");
            (done, idle) = await MineRoundAsync(keeper, ct);
        }
        await devnet.Rpc.SetAutomineAsync(true, ct);
        var outcomes = keeper.History.Skip(warmup).ToList();

        Assert.All(outcomes, o => Assert.True(o.Kind is OutcomeKind.Liquidated or OutcomeKind.Stale || (o.BeforeSend && o.Kind == OutcomeKind.LostRace), o.ToString()));
        var sent = outcomes.Count(o => !o.BeforeSend);
        var bound = (ulong)((sent + 63) / 64) + DependentSteps;
        var lastKeeperBlock = outcomes.Where(o => o.Block is not null).Max(o => o.Block!.Value);
        Assert.True(lastKeeperBlock - lastPrice <= bound, $"last keeper transaction {lastKeeperBlock - lastPrice} blocks after the crash, bound {bound} ({sent} sent, 64 per block)");
        var stillAfterBound = await LiquidatableAtAsync(ids, System.Math.Min(lastPrice + bound, done), ct);
        Assert.True(stillAfterBound.Count == 0, $"liquidatable {bound} blocks after the crash: {string.Join(", ", stillAfterBound.Take(20))}; outcomes: {KeeperScenario.Summary(outcomes)}");
        var healthyTargets = await scenario.TargetsHealthyBeforeAsync(outcomes, ct);
        Assert.True(healthyTargets.Count == 0, $"sent to healthy accounts: {string.Join(", ", healthyTargets)}");

        // Model: a full close at the final prices, on the pre-crash state, charged the full (uncapped) penalty, leaves
        // NLV_hm ≥ 0 ⇒ the buffer sufficed. The contract caps the penalty at the equity (issue 11), so the capped
        // close never shows a deficit for an account with equity; but partial liquidations on the way down pay their
        // penalties in full, which the uncapped figure bounds.
        var risk = before.Book;
        risk.Answers[devnet.Devnet.EthFeed] = new BigInteger(1_400e8);
        risk.Answers[devnet.Devnet.BtcFeed] = new BigInteger(51_000e8);
        var px = risk.Prices();
        var settled = outcomes.Where(o => o.Action.Kind == ActionKind.SettleBadDebt && o.Kind == OutcomeKind.Liquidated).Select(o => o.AccountId).ToList();
        var unexpected = settled.Where(id =>
        {
            var a = risk.Accounts[id];
            if (a.MarketMask == 0)
                return false;
            var full = LiquidationSimulator.Liquidate(a, risk.Parameters, px, WadMath.Wad);
            var closed = full.After.NlvMaint + (Int256)(full.Penalty * risk.Parameters.QuoteScale);
            return closed - (Int256)(UncappedPenalty(a, risk.Parameters, px) * risk.Parameters.QuoteScale) >= Int256.Zero;
        }).ToList();
        Assert.True(unexpected.Count == 0, $"bad debt where a full close at the crash prices kept NLV_hm ≥ 0: {string.Join(", ", unexpected)}");
        output.WriteLine($"{ids.Count} accounts; price updates in blocks {crashFrom}..{lastPrice}; last keeper transaction {lastKeeperBlock - lastPrice} blocks after the last " +
            $"update (bound {bound} = ⌈{sent}/64⌉ + {DependentSteps}); all restored at block {done}; outcomes: {KeeperScenario.Summary(outcomes)}; bad debt settled on {settled.Count} accounts");
    }

    /// <summary>The penalty of a full close before the contract's cap: Σ ⌈⌈|s|·P⌉·lf⌉ in quote units.</summary>
    private static UInt256 UncappedPenalty(Risk.Model.AccountState a, Risk.Model.RiskParameters p, Risk.Model.PriceSet px)
    {
        var penalty = UInt256.Zero;
        for (var m = 1; m <= Risk.Model.RiskConstants.MaxMarkets; m++)
        {
            var size = a.Positions[m].Size;
            if (!size.IsZero)
                penalty += QuoteUnits.Up(WadMath.WMulUp(WadMath.MulDivUp(size.UnsignedAbs, px.OfMarket(m), WadMath.Wad), p.Market(m).LiquidationFee), p.QuoteScale);
        }
        return penalty;
    }

    /// <summary>Mines one block and returns once the keeper has run its pass on it (its transactions for the next block
    /// are sent), with whether it was then idle (read on the loop thread).</summary>
    private async Task<(ulong Block, bool Idle)> MineRoundAsync(KeeperHost keeper, CancellationToken ct)
    {
        await devnet.Rpc.MineAsync(ct);
        var block = await devnet.Rpc.BlockNumberAsync(ct);
        var idle = false;
        // The iteration that takes a head also seals the book to it and runs the pass; the waiter is checked after it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await keeper.Loop.WaitAsync(() =>
            {
                idle = keeper.Loop.Idle;
                return keeper.Loop.Head >= block && keeper.Loop.Book.Position.Block >= block && keeper.Loop.Book.Position.Complete;
            }, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"keeper did not take block {block}: {keeper.Describe()}");
        }
        return (block, idle);
    }

    private async Task<List<ulong>> LiquidatableAtAsync(IReadOnlyList<ulong> ids, ulong block, CancellationToken ct)
    {
        var health = await ChainProbe.HealthAsync(devnet.Rpc, devnet.Devnet.Engine, ids, BlockParameter.At(block), ct);
        return [.. ids.Where(id => ChainProbe.Liquidatable(health[id]))];
    }
}
