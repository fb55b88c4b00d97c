using BenchmarkDotNet.Attributes;
using CrossMargin.Ethereum.Primitives;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Benchmarks;

/// <summary>Decoding one PositionUpdated log (3 topics, 6 data words) into its generated record.</summary>
[MemoryDiagnoser]
public class AbiDecodeBenchmarks
{
    private Hash32[] _topics = [];
    private byte[] _data = [];
    private List<byte[]> _rawTopics = [];

    [GlobalSetup]
    public void Setup()
    {
        var sample = new PositionUpdatedEvent(42UL, 1UL, (Int256)(-1_500_000_000_000_000_000L), UInt256.Parse("3150000000000000000000"),
            (Int256)2_500_000_000_000_000_000L, Int256.Parse("-7875000000000000000000"), (Int256)(-12_345L), 999UL);
        (_topics, _data) = sample.ToLog();
        _rawTopics = _topics.Select(t => t.ToArray()).ToList();
    }

    [Benchmark(Baseline = true)]
    public PositionUpdatedEvent? Generated() => PositionUpdatedEvent.TryDecode(_topics, _data, out var e) ? e : null;

    [Benchmark]
    public object Runtime() => Abi.GetEvent("PositionUpdated").Decode(_rawTopics, _data);
}
