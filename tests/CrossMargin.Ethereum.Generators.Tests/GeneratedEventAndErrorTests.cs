using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Generators.Tests.Contracts;
using CrossMargin.Ethereum.Primitives;
using static CrossMargin.Ethereum.Generators.Tests.Contracts.MarginEngineContract;

namespace CrossMargin.Ethereum.Generators.Tests;

public sealed class GeneratedEventAndErrorTests
{
    // "Abi" alone would bind to the CrossMargin.Ethereum.Abi namespace from here.
    private static ContractAbi Runtime => MarginEngineContract.Abi;

    private static readonly PositionUpdatedEvent Sample = new(
        AccountId: 42, MarketId: 1, SizeDelta: (Int256)BigInteger.Parse("-1500000000000000000"), Price: UInt256.Parse("3150000000000000000000"),
        NewSize: (Int256)BigInteger.Parse("2500000000000000000"), NewOpenNotional: (Int256)BigInteger.Parse("-7875000000000000000000"),
        RealizedPnl: -12345, Fee: 999);

    [Fact]
    public void PositionUpdated_RoundTripsAndMatchesRuntime()
    {
        var (topics, data) = Sample.ToLog();
        Assert.True(PositionUpdatedEvent.TryDecode(topics, data, out var decoded));
        Assert.Equal(Sample, decoded);
        var runtime = Runtime.GetEvent("PositionUpdated").Decode(topics.Select(t => t.ToArray()).ToList(), data);
        Assert.Equal((BigInteger)Sample.NewOpenNotional, runtime["newOpenNotional"]);
        Assert.Equal(Sample, DecodeLog(topics, data));
    }

    [Fact]
    public void PositionUpdated_RejectsForeignOrMalformedLogs()
    {
        var (topics, data) = Sample.ToLog();
        Assert.False(PositionUpdatedEvent.TryDecode(topics[..2], data, out _));
        Assert.False(PositionUpdatedEvent.TryDecode(topics, data[..100], out _));
        var (erc20Topics, erc20Data) = new ERC20Contract.TransferEvent(Address.Zero, Address.Zero, 1).ToLog();
        Assert.False(PositionUpdatedEvent.TryDecode(erc20Topics, erc20Data, out _));
        Assert.Null(DecodeLog(erc20Topics, erc20Data));
        Assert.False(PositionUpdatedEvent.TryDecode([topics[0], topics[1]], data, out _));
        Assert.Throws<AbiException>(() => PositionUpdatedEvent.Decode([topics[0]], data));
    }

    [Fact]
    public void IndexedString_IsKeptAsHash()
    {
        var hash = Hash32.Keccak("ETH-PERP"u8);
        var (topics, data) = new MarketListedEvent(hash, 5, "Ether perpetual").ToLog();
        Assert.Equal(Runtime.GetEvent("MarketListed").EncodeLog("ETH-PERP", 5, "Ether perpetual").Topics[1], topics[1].ToArray());
        var decoded = MarketListedEvent.Decode(topics, data);
        Assert.Equal(hash, decoded.Symbol);
        Assert.Equal("Ether perpetual", decoded.Name);
    }

    [Fact]
    public void EventWithDynamicData_RoundTrips()
    {
        var liquidator = new Address(Enumerable.Repeat((byte)0xAB, 20).ToArray());
        var (topics, data) = new LiquidatedEvent(3, liquidator, new UInt256[] { 1UL, 2UL, 3UL }, 77UL).ToLog();
        var decoded = LiquidatedEvent.Decode(topics, data);
        Assert.Equal(liquidator, decoded.Liquidator);
        Assert.Equal(new UInt256[] { 1UL, 2UL, 3UL }, decoded.MarketIds);
        Assert.Equal((UInt256)77UL, decoded.Penalty);
    }

    [Fact]
    public void CustomErrors_DecodeToRecords()
    {
        var revert = new InsufficientMarginError(7UL, -100L, 250UL).Encode();
        Assert.Equal(Runtime.GetError("InsufficientMargin").Encode(7, -100, 250), revert);
        Assert.Equal(new InsufficientMarginError(7UL, -100L, 250UL), DecodeError(revert));
        Assert.Equal(new OrderRejectedError(2, "post-only would cross"), DecodeError(new OrderRejectedError(2, "post-only would cross").Encode()));
        Assert.IsType<PausedError>(DecodeError(new PausedError().Encode()));
        Assert.Equal("InsufficientMargin(uint256,int256,uint256)", ErrorNames[InsufficientMarginError.Selector]);
        Assert.Equal("InsufficientMargin", Runtime.DecodeRevert(revert).Name);
    }

    [Fact]
    public void StandardReverts_FallBackToRevertReason()
    {
        var error = Assert.IsType<RevertReason>(DecodeError(AbiRevert.EncodeError("paused")));
        Assert.Equal("paused", error.Message);
        var panic = Assert.IsType<RevertReason>(DecodeError(AbiRevert.EncodePanic(PanicCodes.ArithmeticOverflow)));
        Assert.Equal(RevertKind.Panic, panic.Kind);
        var truncated = new InsufficientMarginError(1UL, 2L, 3UL).Encode()[..50];
        Assert.Equal(RevertKind.Unknown, Assert.IsType<RevertReason>(DecodeError(truncated)).Kind);
        Assert.False(InsufficientMarginError.TryDecode(truncated, out _));
    }
}
