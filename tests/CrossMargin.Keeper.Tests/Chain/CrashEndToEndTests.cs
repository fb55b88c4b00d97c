using System.Diagnostics;
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
/// 1,000 seeded accounts, one keeper, a scripted 30% ETH crash with BTC following (ρ = 0.8): every account ends
/// restored or closed, every keeper transaction hit an account that was liquidatable on the state before its block,
/// and bad debt only appears where the exact model says the account's buffer could not cover a full close.
/// </summary>
[Collection(KeeperDevnetCollection.Name)]
public sealed class CrashEndToEndTests(KeeperDevnet devnet, ITestOutputHelper output)
{
    [Fact]
    public async Task Crash_ThreeSteps_EveryUnderwaterAccountRestoredAndNoHealthyTarget()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = cts.Token;
        await devnet.ResetAsync(ct);
        var scenario = new KeeperScenario(devnet);
        var before = await ChainProbe.MirrorAsync(devnet.Rpc, devnet.Devnet.Engine, ct);
        var ids = before.Book.Accounts.Keys.Order().ToList();
        await using var keeper = await scenario.StartAsync(1, KeeperScenario.TempCheckpoint(), ct);
        Assert.True(keeper.UsesWebSocket);
        await KeeperScenario.IdleAsync(keeper, await devnet.Rpc.BlockNumberAsync(ct), ct);
        var warmup = keeper.History.Count;
        var crashFrom = await devnet.Rpc.BlockNumberAsync(ct) + 1;
        var sw = Stopwatch.StartNew();
        var end = await scenario.MoveAsync(KeeperScenario.ThreeStepCrash, ct);
        await KeeperScenario.IdleAsync(keeper, end, ct);
        var elapsed = sw.Elapsed;
        var lastBlock = await devnet.Rpc.BlockNumberAsync(ct);
        var outcomes = keeper.History.Skip(warmup).ToList();

        var still = await scenario.StillLiquidatableAsync(ids, ct);
        Assert.True(still.Count == 0, $"still liquidatable: {string.Join(", ", still.Take(20))}; outcomes: {KeeperScenario.Summary(outcomes)}");
        // Alone on the chain the only surprises are the script's own price updates landing between a plan and its block:
        // Stale (refused amount), or LostRace at eth_call (the second feed's move made the account healthy again).
        Assert.All(outcomes, o => Assert.True(o.Kind is OutcomeKind.Liquidated or OutcomeKind.Stale || (o.BeforeSend && o.Kind == OutcomeKind.LostRace), o.ToString()));
        Assert.Contains(outcomes, o => o.Kind == OutcomeKind.Liquidated);
        var healthyTargets = await scenario.TargetsHealthyBeforeAsync(outcomes, ct);
        Assert.True(healthyTargets.Count == 0, $"sent to healthy accounts: {string.Join(", ", healthyTargets)}");

        // Model: a full close at the final prices, on the pre-crash state, leaves NLV_hm ≥ 0 ⇒ the buffer sufficed.
        var risk = before.Book;
        risk.Answers[devnet.Devnet.EthFeed] = new BigInteger(1_400e8);
        risk.Answers[devnet.Devnet.BtcFeed] = new BigInteger(51_000e8);
        var px = risk.Prices();
        var settled = outcomes.Where(o => o.Action.Kind == ActionKind.SettleBadDebt).Select(o => o.AccountId).ToList();
        var unexpected = settled.Where(id =>
        {
            var a = risk.Accounts[id];
            if (a.MarketMask == 0)
                return false;
            var full = LiquidationSimulator.Liquidate(a, risk.Parameters, px, WadMath.Wad, risk.NetSize);
            return full.After.NlvMaint >= Int256.Zero;
        }).ToList();
        Assert.True(unexpected.Count == 0, $"bad debt where a full close at the crash prices kept NLV_hm ≥ 0: {string.Join(", ", unexpected)}");
        output.WriteLine($"{ids.Count} accounts; crash blocks {crashFrom}..{end}, keeper idle at block {lastBlock} after {elapsed.TotalSeconds:F1} s " +
            $"({lastBlock - end} blocks after the last price update, one keeper tx per block under automine); outcomes: {KeeperScenario.Summary(outcomes)}; " +
            $"bad debt settled on {settled.Count} accounts");
    }
}
