using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Model;

/// <summary>A listed market's risk parameters (WAD fractions) and its feed; <see cref="FeedDecimals"/> is the feed's decimals() as the engine stored it (carried by MarketListed/MarketUpdated).</summary>
public readonly record struct MarketRisk(
    Address Aggregator,
    byte FeedDecimals,
    UInt256 Imf,
    UInt256 Mmf,
    UInt256 Sigma,
    UInt256 LiquidationFee,
    UInt256 TakerFee,
    UInt256 MaxOpenInterest);
