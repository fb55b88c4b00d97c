using System.Diagnostics;
using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Book;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Model;

namespace CrossMargin.Keeper.Benchmarks;

/// <summary>
/// The keeper pipeline fed a book of <c>n</c> accounts in memory: the 10,000 seeded on chain (real parameters), each
/// replicated with sizes and balances scaled by a random 0.5–1.5. Then ETH ticks down in steps through the keeper's own
/// <see cref="KeeperBook.Apply"/> (screen tick), <see cref="CandidateFinder"/> (exact check, lazily, the 128 first) and
/// <see cref="ActionPlanner"/> (minimal fraction/repay) for the top 64.
/// </summary>
internal static class SyntheticPipelineBench
{
    public static async Task RunAsync(BenchChain chain, int n)
    {
        var engine = chain.Devnet.Engine;
        var loader = new BookLoader(chain.Rpc, engine, await chain.Rpc.ChainIdAsync(CancellationToken.None));
        var (seed, _) = await loader.LoadAsync(null, await chain.Rpc.BlockNumberAsync(CancellationToken.None), CancellationToken.None);
        var risk = seed.Risk;
        var originals = risk.Accounts.Values.ToList();
        var rng = new Random(1);
        var sw = Stopwatch.StartNew();
        var nextId = originals.Max(a => a.Id) + 1;
        while (risk.Accounts.Count < n)
        {
            var a = originals[rng.Next(originals.Count)];
            var f = new BigInteger((0.5 + rng.NextDouble()) * 1e6);
            var copy = new AccountState(nextId, a.Mode) { QuoteBalance = Scale(a.QuoteBalance, f) };
            for (uint m = a.CollateralMask; m != 0; m &= m - 1)
            {
                var ci = BitOperations.TrailingZeroCount(m);
                copy.SetBalance(ci, (UInt256)((BigInteger)a.Balances[ci] * f / 1_000_000));
            }
            for (var m = a.MarketMask; m != 0; m &= m - 1)
            {
                var id = BitOperations.TrailingZeroCount(m);
                copy.SetPosition(id, new PositionState(Scale(a.Positions[id].Size, f), Scale(a.Positions[id].OpenNotional, f)));
            }
            risk.Accounts[nextId++] = copy;
        }
        var generate = sw.Elapsed;
        var memory = GC.GetTotalMemory(forceFullCollection: true);
        sw.Restart();
        seed.RebuildScreen();
        var rebuild = sw.Elapsed;
        Console.WriteLine($"synthetic: {risk.Accounts.Count:N0} accounts generated in {generate.TotalSeconds:F1} s, managed heap {memory / 1e9:F2} GB; screen rebuild {rebuild.TotalMilliseconds:F0} ms");
        var answerUpdated = MockAggregatorContract.Abi.GetEvent("AnswerUpdated");
        var feed = chain.Devnet.EthFeed;
        ulong block = seed.Position.Block + 1;
        foreach (var eth in new[] { 1_900.0, 1_800, 1_700, 1_600, 1_500, 1_400 })
        {
            var (topics, data) = answerUpdated.EncodeLog(new BigInteger(eth * 1e8), new BigInteger(block), new BigInteger(block));
            var log = new LogEntry(feed, topics.Select(t => new Hash32(t)).ToList(), data, block, Hash32.Keccak(BitConverter.GetBytes(block)), default, 0, 0, false);
            block++;
            var t0 = Stopwatch.GetTimestamp();
            seed.Apply(log, engine);
            var t1 = Stopwatch.GetTimestamp();
            var px = risk.Prices();
            var candidates = CandidateFinder.Find(seed.Screen, seed.Dirty, id => risk.Accounts.GetValueOrDefault(id), risk.Parameters, px, _ => false, want: 128);
            var t2 = Stopwatch.GetTimestamp();
            var planned = candidates.Take(64).Select(c => ActionPlanner.Plan(c, risk.Parameters, px)).Count(a => a is not null);
            var t3 = Stopwatch.GetTimestamp();
            Console.WriteLine($"  ETH {eth,5}: screen tick {Ms(t0, t1),7:F1} ms ({seed.Screen.Candidates().Count:N0} screen candidates), exact check {Ms(t1, t2),7:F1} ms " +
                $"(first {candidates.Count:N0} liquidatable by screen margin), plan top 64 {Ms(t2, t3),6:F1} ms ({planned} actions) — tick → first batch ready {Ms(t0, t3),7:F1} ms");
        }
    }

    private static Int256 Scale(Int256 v, BigInteger f) => (Int256)((BigInteger)v * f / 1_000_000);

    private static double Ms(long a, long b) => Stopwatch.GetElapsedTime(a, b).TotalMilliseconds;
}
