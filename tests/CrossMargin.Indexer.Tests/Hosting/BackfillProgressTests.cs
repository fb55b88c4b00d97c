using System.Numerics;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Hosting;
using CrossMargin.Indexer.Tests.Fixtures;

namespace CrossMargin.Indexer.Tests.Hosting;

/// <summary>The numbers a backfill progress display shows: rates and ETA on a hand-moved clock, and a real backfill's end state.</summary>
public sealed class BackfillProgressTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public void Sample_TwoIntervals_RatesFromIntervalEtaFromRun()
    {
        var clock = new ManualClock();
        var meter = new ProgressMeter(clock);
        var start = meter.Sample(indexedBlock: 100, targetBlock: 1_100, events: 0);
        Assert.Equal((100L, 100L, 1_100L, 0.0), (start.StartBlock, start.IndexedBlock, start.TargetBlock, start.Fraction));
        Assert.Null(start.Eta);

        clock.Advance(TimeSpan.FromSeconds(2));
        var first = meter.Sample(indexedBlock: 300, targetBlock: 1_100, events: 40_000);
        Assert.Equal(20_000, first.EventsPerSecond);
        Assert.Equal(100, first.BlocksPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(8), first.Eta);
        Assert.Equal(0.2, first.Fraction, 10);

        clock.Advance(TimeSpan.FromSeconds(2));
        var second = meter.Sample(indexedBlock: 700, targetBlock: 1_100, events: 50_000);
        Assert.Equal(5_000, second.EventsPerSecond); // last interval only
        Assert.Equal(150, second.BlocksPerSecond); // whole run: 600 blocks in 4 s
        Assert.Equal(400 / 150.0, second.Eta!.Value.TotalSeconds, 6);
        Assert.Equal(0.6, second.Fraction, 10);
    }

    [Fact]
    public void Sample_AtTarget_EtaZeroFractionOne()
    {
        var clock = new ManualClock();
        var meter = new ProgressMeter(clock);
        meter.Sample(0, 10, 0);
        clock.Advance(TimeSpan.FromSeconds(1));
        var done = meter.Sample(10, 10, 55);
        Assert.Equal(TimeSpan.Zero, done.Eta);
        Assert.Equal(1.0, done.Fraction);
    }

    [Fact]
    public async Task Backfill_OnAnvil_ProgressEndsAtHeadWithEveryEvent()
    {
        await using var anvil = await AnvilNode.StartAsync();
        var rpc = new JsonRpcClient(Http, anvil.HttpUrl);
        var devnet = await DevnetDeployment.DeployAsync(rpc, anvil.Accounts[0], default);
        for (var k = 0; k < 5; k++)
            await devnet.SetPriceAsync(devnet.EthFeed, new BigInteger(2_100_00000000L + k), default);
        var head = (long)await rpc.BlockNumberAsync(default);
        using var file = new TempSqlite();
        var status = await IndexRun.BackfillAsync(IndexRun.Options(anvil.HttpUrl, DevnetDeployment.Of(devnet), file.ConnectionString));
        var p = status.Progress;
        Assert.Equal((0L, head, head), (p.StartBlock, p.IndexedBlock, p.TargetBlock));
        Assert.Equal(status.EventsTotal, p.Events);
        Assert.True(p.Events >= 5 + 3, $"{p.Events} events"); // five ticks, three listings at least
        Assert.Equal(1.0, p.Fraction);
        Assert.Equal(TimeSpan.Zero, p.Eta);
    }
}
