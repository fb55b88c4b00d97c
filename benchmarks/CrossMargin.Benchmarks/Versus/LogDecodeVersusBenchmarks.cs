using BenchmarkDotNet.Attributes;
using CrossMargin.Ethereum.Primitives;
using Nethereum.ABI.FunctionEncoding;
using Nethereum.Contracts;
using Nethereum.RPC.Eth.DTOs;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Benchmarks.Versus;

/// <summary>
/// Decoding one PositionUpdated log (3 topics, 6 words) and one CollateralUpdated log (3 topics, 3 words) into typed
/// values. Both sides start where their own RPC layer leaves a log: ours from bytes (RpcModelParser has already turned
/// the JSON hex into <c>Hash32</c>/<c>byte[]</c>, so the <c>…FromHex</c> rows add that step back), Nethereum from its
/// <c>FilterLog</c> (hex strings, as eth_getLogs returns them) through <c>DecodeEvent&lt;T&gt;</c>, and through a reused
/// <c>EventTopicDecoder.DecodeTopics&lt;T&gt;</c> (the lower-level call without the FilterLog/EventLog wrapping).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory), CategoriesColumn]
public class LogDecodeVersusBenchmarks
{
    private Hash32[] _positionTopics = [], _collateralTopics = [];
    private byte[] _positionData = [], _collateralData = [];
    private string[] _positionTopicsHex = [], _collateralTopicsHex = [];
    private string _positionDataHex = "", _collateralDataHex = "";
    private FilterLog _positionLog = null!, _collateralLog = null!;
    private readonly EventTopicDecoder _decoder = new();

    [GlobalSetup]
    public void Setup()
    {
        var position = new PositionUpdatedEvent(42UL, 1UL, (Int256)(-1_500_000_000_000_000_000L), UInt256.Parse("3150000000000000000000"),
            (Int256)2_500_000_000_000_000_000L, Int256.Parse("-7875000000000000000000"), (Int256)(-12_345L), 999UL);
        (_positionTopics, _positionData) = position.ToLog();
        var collateral = new CollateralUpdatedEvent(42UL, Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
            (Int256)(-250_000_000L), (Int256)9_750_000_000L, 2);
        (_collateralTopics, _collateralData) = collateral.ToLog();
        (_positionTopicsHex, _positionDataHex) = (_positionTopics.Select(t => t.ToString()).ToArray(), Hex.Encode(_positionData));
        (_collateralTopicsHex, _collateralDataHex) = (_collateralTopics.Select(t => t.ToString()).ToArray(), Hex.Encode(_collateralData));
        _positionLog = new FilterLog { Topics = _positionTopicsHex, Data = _positionDataHex };
        _collateralLog = new FilterLog { Topics = _collateralTopicsHex, Data = _collateralDataHex };
        if (_decoder.DecodeTopics<PositionUpdatedEventDto>(_positionTopicsHex, _positionDataHex).Fee != 999
            || _positionLog.DecodeEvent<PositionUpdatedEventDto>().Event.NewOpenNotional != System.Numerics.BigInteger.Parse("-7875000000000000000000", System.Globalization.CultureInfo.InvariantCulture)
            || _collateralLog.DecodeEvent<CollateralUpdatedEventDto>().Event.Reason != 2)
            throw new InvalidOperationException("Nethereum decoded different values");
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("PositionUpdated")]
    public PositionUpdatedEvent? Ours_PositionUpdated() => PositionUpdatedEvent.TryDecode(_positionTopics, _positionData, out var e) ? e : null;

    [Benchmark]
    [BenchmarkCategory("PositionUpdated")]
    public PositionUpdatedEvent? Ours_PositionUpdatedFromHex() =>
        PositionUpdatedEvent.TryDecode(Array.ConvertAll(_positionTopicsHex, Hash32.Parse), Hex.Decode(_positionDataHex), out var e) ? e : null;

    [Benchmark]
    [BenchmarkCategory("PositionUpdated")]
    public PositionUpdatedEventDto Nethereum_PositionUpdated() => _positionLog.DecodeEvent<PositionUpdatedEventDto>().Event;

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("CollateralUpdated")]
    public CollateralUpdatedEvent? Ours_CollateralUpdated() => CollateralUpdatedEvent.TryDecode(_collateralTopics, _collateralData, out var e) ? e : null;

    [Benchmark]
    [BenchmarkCategory("CollateralUpdated")]
    public CollateralUpdatedEvent? Ours_CollateralUpdatedFromHex() =>
        CollateralUpdatedEvent.TryDecode(Array.ConvertAll(_collateralTopicsHex, Hash32.Parse), Hex.Decode(_collateralDataHex), out var e) ? e : null;

    [Benchmark]
    [BenchmarkCategory("PositionUpdated")]
    public PositionUpdatedEventDto Nethereum_PositionUpdatedDecodeTopics() => _decoder.DecodeTopics<PositionUpdatedEventDto>(_positionTopicsHex, _positionDataHex);

    [Benchmark]
    [BenchmarkCategory("CollateralUpdated")]
    public CollateralUpdatedEventDto Nethereum_CollateralUpdatedDecodeTopics() => _decoder.DecodeTopics<CollateralUpdatedEventDto>(_collateralTopicsHex, _collateralDataHex);

    [Benchmark]
    [BenchmarkCategory("CollateralUpdated")]
    public CollateralUpdatedEventDto Nethereum_CollateralUpdated() => _collateralLog.DecodeEvent<CollateralUpdatedEventDto>().Event;
}
