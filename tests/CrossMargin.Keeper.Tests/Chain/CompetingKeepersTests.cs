using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Tests.Fixtures;
using Xunit.Abstractions;

namespace CrossMargin.Keeper.Tests.Chain;

/// <summary>Two keepers with different keys on the same crash: both keep running, no account is liquidated twice, races are outcomes.</summary>
[Collection(KeeperDevnetCollection.Name)]
public sealed class CompetingKeepersTests(KeeperDevnet devnet, ITestOutputHelper output)
{
    [Fact]
    public async Task TwoKeepers_SameCrash_EachLiquidationOnceAndLostRacesCounted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var ct = cts.Token;
        await devnet.ResetAsync(ct);
        var scenario = new KeeperScenario(devnet);
        var ids = (await ChainProbe.MirrorAsync(devnet.Rpc, devnet.Devnet.Engine, ct)).Book.Accounts.Keys.Order().ToList();
        await using var a = await scenario.StartAsync(1, null, ct);
        await using var b = await scenario.StartAsync(2, null, ct);
        var head = await devnet.Rpc.BlockNumberAsync(ct);
        await Task.WhenAll(KeeperScenario.IdleAsync(a, head, ct), KeeperScenario.IdleAsync(b, head, ct));
        var (skipA, skipB) = (a.History.Count, b.History.Count);

        var end = await scenario.MoveAsync([(1_400, 51_000)], ct);
        await Task.WhenAll(KeeperScenario.IdleAsync(a, end, ct), KeeperScenario.IdleAsync(b, end, ct));
        var all = a.History.Skip(skipA).Concat(b.History.Skip(skipB)).ToList();

        Assert.False(a.Completion.IsCompleted, "keeper A stopped");
        Assert.False(b.Completion.IsCompleted, "keeper B stopped");
        Assert.Empty(await scenario.StillLiquidatableAsync(ids, ct));
        var twice = all.Where(o => o.Kind == OutcomeKind.Liquidated && o.Action.Kind == ActionKind.Liquidate)
            .GroupBy(o => o.AccountId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"liquidated twice: {string.Join(", ", twice)}");
        Assert.DoesNotContain(all, o => o.Kind is OutcomeKind.SendFailed or OutcomeKind.Dropped);
        var lost = all.Count(o => o.Kind == OutcomeKind.LostRace);
        var counted = await LostRaceMetricAsync(a) + await LostRaceMetricAsync(b);
        Assert.Equal(lost, counted - BeforeCrash(a, skipA) - BeforeCrash(b, skipB));
        Assert.True(lost > 0, $"no lost race at all: {KeeperScenario.Summary(all)}");
        output.WriteLine($"A: {KeeperScenario.Summary(a.History.Skip(skipA))}");
        output.WriteLine($"B: {KeeperScenario.Summary(b.History.Skip(skipB))}");
    }

    private static async Task<double> LostRaceMetricAsync(KeeperHost k)
    {
        using var stream = new MemoryStream();
        await k.MetricsRegistry.CollectAndExportAsTextAsync(stream);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        return text.Split('\n').Where(l => l.StartsWith("keeper_lost_races_total{", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static int BeforeCrash(KeeperHost k, int skip) => k.History.Take(skip).Count(o => o.Kind == OutcomeKind.LostRace);
}
