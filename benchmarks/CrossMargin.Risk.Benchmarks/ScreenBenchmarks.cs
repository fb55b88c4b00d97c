using BenchmarkDotNet.Attributes;
using CrossMargin.Risk.Screening;

namespace CrossMargin.Risk.Benchmarks;

/// <summary>Whole-book screen of 1,000,000 accounts and a one-feed tick that touches a quarter of them.</summary>
[MemoryDiagnoser, MinColumn, MaxColumn]
public class ScreenBenchmarks
{
    private Screener _screener = null!;
    private int _feed;
    private double _price;

    [GlobalSetup]
    public void Setup()
    {
        var p = SyntheticBook.Parameters();
        long before = GC.GetTotalMemory(true);
        _screener = new Screener(SyntheticBook.Build(p, 1_000_000, 42), p);
        _feed = 0; // market 1's feed: RowsByFeed[0] is ~25% of rows
        Console.WriteLine($"// book memory {(GC.GetTotalMemory(true) - before) / 1e6:F0} MB");
        Console.WriteLine($"// rows {_screener.Book.Count}, positions {_screener.Book.PosMarket.Length}, collaterals {_screener.Book.ColIndex.Length}, rows on tick feed {_screener.Book.RowsByFeed[_feed].Length}");
    }

    [Benchmark]
    public void FullRecompute() => _screener.RecomputeAll();

    [Benchmark]
    public void OneFeedTick()
    {
        _price = _price == 100 ? 101 : 100;
        _screener.Tick(_feed, _price);
    }
}
