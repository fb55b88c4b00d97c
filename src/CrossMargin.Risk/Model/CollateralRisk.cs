using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Model;

/// <summary>A listed collateral's parameters; <see cref="LinkedMarket"/> 0 means none. Decimals are those the engine stored (carried by CollateralListed/CollateralParamsUpdated).</summary>
public readonly record struct CollateralRisk(
    Address Asset,
    int Index,
    Address Aggregator,
    byte FeedDecimals,
    byte TokenDecimals,
    UInt256 Hm,
    UInt256 Hi,
    UInt256 Bonus,
    int LinkedMarket);
