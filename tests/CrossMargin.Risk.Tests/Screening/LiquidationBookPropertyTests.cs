using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Screening;
using CrossMargin.Risk.Tests.Fixtures;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossMargin.Risk.Tests.Screening;

/// <summary>
/// After any sequence of account events (AccountOpened, CollateralUpdated for quote and collaterals, PositionUpdated),
/// AnswerUpdated ticks and rebuilds — fed as encoded logs — the incremental <see cref="LiquidationBook"/> returns exactly
/// the liquidatable set (ids, healths and order) of a from-scratch exact computation over every account; and removed logs
/// roll it back to exactly the book of the logs before the fork.
/// </summary>
public sealed class LiquidationBookPropertyTests
{
    private static readonly Address Quote = Addr(0xAA);

    /// <summary>One step: kind 0 open, 1 quote, 2 collateral, 3 position, 4 price tick, 5 rebuild; the ints parameterise it.</summary>
    public sealed record Step(int Kind, int Account, int Which, int A, int B, int Dust);

    public static Arbitrary<Step[]> Steps() => Arb.From(
        Gen.ArrayOf(
            from kind in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Constant(1)), (3, Gen.Constant(2)), (6, Gen.Constant(3)), (6, Gen.Constant(4)), (1, Gen.Constant(5)))
            from account in Gen.Choose(0, 40)
            from which in Gen.Choose(0, 2)
            from a in Gen.Choose(-400_000, 400_000)
            from b in Gen.Choose(30, 170)
            from dust in Gen.Choose(0, int.MaxValue)
            select new Step(kind, account, which, a, b, dust)));

    [Property(MaxTest = 120, Arbitrary = [typeof(LiquidationBookPropertyTests)])]
    public bool Incremental_AfterAnyEvents_EqualsFromScratchExact(Step[] steps) => Replay(steps, out _);

    /// <summary>
    /// Reorg: after any sequence of logs (one block each), removed copies of the last ones, newest first (what a
    /// subscription delivers for orphaned blocks), leave exactly the book of the logs before the fork point.
    /// </summary>
    [Property(MaxTest = 80, Arbitrary = [typeof(LiquidationBookPropertyTests)])]
    public bool RemovedLogs_RollBackToExactlyTheBookBeforeTheFork(Step[] steps, PositiveInt forkSeed)
    {
        var book = NewBook(out var feeds);
        var live = new LiquidationBook(new RiskEventApplier(book, Artifacts.Engine, Artifacts.Aggregator));
        live.Seal(0, BlockHash(0));
        var logs = Logs(steps, feeds).OfType<LogEntry>().ToList();
        var kept = forkSeed.Get % (logs.Count + 1);
        foreach (var log in logs)
            live.Apply(log);
        live.Liquidatable();
        foreach (var log in logs.Skip(kept).Reverse())
            live.Apply(log with { Removed = true });
        var reference = NewBook(out _);
        var applier = new RiskEventApplier(reference, Artifacts.Engine, Artifacts.Aggregator);
        foreach (var log in logs.Take(kept))
            applier.Apply(log);
        BookAssert.Equal(reference, live.Book);
        return live.Liquidatable().SequenceEqual(ExactRecheck.Run(reference.Accounts.Values, reference.Parameters, reference.Prices()));
    }

    private static bool Replay(Step[] steps, out int mostLiquidatable)
    {
        mostLiquidatable = 0;
        var book = NewBook(out var feeds);
        var live = new LiquidationBook(new RiskEventApplier(book, Artifacts.Engine, Artifacts.Aggregator));
        foreach (var log in Logs(steps, feeds))
        {
            if (log is null)
            {
                live.Rebuild();
                continue;
            }
            live.Apply(log);
            var incremental = live.Liquidatable();
            var scratch = ExactRecheck.Run(book.Accounts.Values, book.Parameters, book.Prices());
            mostLiquidatable = System.Math.Max(mostLiquidatable, scratch.Count);
            if (!incremental.SequenceEqual(scratch))
                return false;
        }
        return true;
    }

    /// <summary>The steps as encoded logs, one block each; null for a rebuild step.</summary>
    private static IEnumerable<LogEntry?> Logs(Step[] steps, Address[] feeds)
    {
        ulong nextId = 1;
        ulong block = 0;
        // A few accounts exist before the first build so that in-place row updates and retirements happen.
        foreach (var s in new[] { new Step(0, 0, 1, 0, 0, 0), new Step(0, 0, 2, 0, 0, 0), new Step(0, 0, 0, 0, 0, 0) }.Concat(steps))
        {
            block++;
            if (s.Kind == 5)
            {
                yield return null;
                continue;
            }
            if (s.Kind != 0 && nextId == 1)
                continue;
            var id = s.Kind == 0 ? 0 : (ulong)(s.Account % (int)(nextId - 1)) + 1;
            yield return s.Kind switch
            {
                0 => Log(Artifacts.Engine.GetEvent("AccountOpened"), Addr(1), block, (BigInteger)nextId++, Addr(0x77), s.Which),
                1 => Log(Artifacts.Engine.GetEvent("CollateralUpdated"), Addr(1), block, (BigInteger)id, Quote, BigInteger.Zero,
                    new BigInteger(s.A / 10) * 1_000_000 + s.Dust % 1_000_000, 0),
                2 => Log(Artifacts.Engine.GetEvent("CollateralUpdated"), Addr(1), block, (BigInteger)id, Addr((byte)(0x10 + s.Which % 2)), BigInteger.Zero,
                    s.A <= -300_000 ? BigInteger.Zero : s.Which % 2 == 0 ? new BigInteger(System.Math.Abs(s.A) / 10) * BigInteger.Pow(10, 15) + s.Dust : new BigInteger(System.Math.Abs(s.A) / 1_000) * 100_000 + s.Dust % 100_000, 0),
                3 => PositionLog(block, id, s),
                _ => Log(Artifacts.Aggregator.GetEvent("AnswerUpdated"), feeds[s.Which], block,
                    new BigInteger(new[] { 2_000.0, 60_000.0, 150.0 }[s.Which] * s.B / 100 * 1e8) + s.Dust % 1_000, (BigInteger)block, (BigInteger)block),
            };
        }
    }

    /// <summary>The property is not vacuous: replays of generated sequences do reach liquidatable accounts.</summary>
    [Fact]
    public void Generator_ReachesLiquidatableAccounts()
    {
        int reached = 0;
        foreach (var steps in Gen.Sample(Steps().Generator, 60, 30))
        {
            Assert.True(Replay(steps, out var most), "incremental book differs from the exact set");
            if (most > 0) reached++;
        }
        Assert.True(reached >= 5, $"only {reached}/30 sequences reached a liquidatable account");
    }

    private static LogEntry PositionLog(ulong block, ulong id, Step s)
    {
        int m = s.Which;
        double[] unit = [1e-3, 1e-5, 1e-1];
        double[] prices = [2_000, 60_000, 150];
        var size = s.A == 0 ? BigInteger.Zero : new BigInteger(s.A * unit[m] * 1e6) * BigInteger.Pow(10, 12) + s.Dust % 1_000_003;
        var notional = s.A == 0 ? BigInteger.Zero : new BigInteger(s.A * unit[m] * prices[m] * s.B / 100 * 1e6) * BigInteger.Pow(10, 12) + s.Dust % 7_777;
        return Log(Artifacts.Engine.GetEvent("PositionUpdated"), Addr(1), block, (BigInteger)id, (BigInteger)(m + 1), BigInteger.Zero, BigInteger.Zero,
            size, notional, BigInteger.Zero, BigInteger.Zero);
    }

    private static RiskBook NewBook(out Address[] feeds)
    {
        var book = new RiskBook(Quote, 6);
        var fixture = TestBooks.FixtureParameters();
        var p = book.Parameters;
        for (var i = 1; i <= 3; i++)
            p.Markets[i] = fixture.Markets[i];
        for (var c = 0; c < 2; c++)
        {
            p.Collaterals[c] = fixture.Collaterals[c]!.Value with { Asset = Addr((byte)(0x10 + c)) };
            p.CollateralIndexByAsset[Addr((byte)(0x10 + c))] = c;
        }
        for (var i = 1; i <= 3; i++)
            for (var j = i + 1; j <= 3; j++)
                p.SetCorrelation(i, j, fixture.Correlation(i, j));
        feeds = [fixture.Markets[1]!.Value.Aggregator, fixture.Markets[2]!.Value.Aggregator, fixture.Markets[3]!.Value.Aggregator];
        book.Answers[feeds[0]] = 2_000_00000000;
        book.Answers[feeds[1]] = 60_000_00000000;
        book.Answers[feeds[2]] = 150_00000000;
        return book;
    }

    private static LogEntry Log(Ethereum.Abi.EventDescriptor e, Address emitter, ulong block, params object?[] values)
    {
        var (topics, data) = e.EncodeLog(values);
        return new LogEntry(emitter, topics.Select(t => new Hash32(t)).ToArray(), data, block, BlockHash(block), Hash32.Zero, 0, 0, false);
    }

    /// <summary>A distinct hash per block number (the journal keys blocks by hash).</summary>
    private static Hash32 BlockHash(ulong block)
    {
        var b = new byte[32];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(b.AsSpan(24), block + 1);
        return new Hash32(b);
    }

    private static Address Addr(byte n)
    {
        var b = new byte[20];
        b[19] = n;
        return new Address(b);
    }
}
