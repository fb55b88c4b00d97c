namespace CrossMargin.Risk.Liquidation;

/// <summary>The simulated action would revert with OpenInterestCapExceeded.</summary>
public sealed class OpenInterestCapException(int marketId) : InvalidOperationException($"open-interest cap of market {marketId} exceeded")
{
    public int MarketId { get; } = marketId;
}
