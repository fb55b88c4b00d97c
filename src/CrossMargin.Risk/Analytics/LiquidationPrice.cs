using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Analytics;

/// <summary>
/// The market price (others held; collaterals on the same feed move with it) at which the account first becomes
/// liquidatable, searching the adverse direction from the current price by bisection on the exact health. Returns
/// null if no price in (0, current·<see cref="MaxMultiple"/>] makes it liquidatable. Assumes liquidatability is
/// monotone along the adverse direction, which holds for one market with the others fixed except in PORTFOLIO
/// accounts whose √V has an interior minimum (then the nearest boundary on the searched side is returned).
/// </summary>
public static class LiquidationPrice
{
    public const ulong MaxMultiple = 1_000;

    public static UInt256? Find(AccountState a, RiskParameters p, PriceSet px, int marketId)
    {
        var current = px.OfMarket(marketId);
        bool Liquidatable(UInt256 price) => HealthCalculator.Compute(a, p, With(px, p, marketId, current, price)).IsLiquidatable;
        if (Liquidatable(current))
            return current;
        // Probe both sides; the adverse side is the one that ends liquidatable.
        var lowEnd = UInt256.One;
        var highEnd = current * new UInt256(MaxMultiple);
        if (Liquidatable(lowEnd))
        {
            UInt256 lo = lowEnd, hi = current; // lo liquidatable, hi not: largest liquidatable price below current
            while (hi - lo > UInt256.One)
            {
                var mid = lo + ((hi - lo) >> 1);
                if (Liquidatable(mid)) lo = mid; else hi = mid;
            }
            return lo;
        }
        if (Liquidatable(highEnd))
        {
            UInt256 lo = current, hi = highEnd; // smallest liquidatable price above current
            while (hi - lo > UInt256.One)
            {
                var mid = lo + ((hi - lo) >> 1);
                if (Liquidatable(mid)) hi = mid; else lo = mid;
            }
            return hi;
        }
        return null;
    }

    private static PriceSet With(PriceSet px, RiskParameters p, int marketId, UInt256 current, UInt256 price)
    {
        var moved = px.Clone();
        moved.Market[marketId] = price;
        var feed = p.Market(marketId).Aggregator;
        for (var c = 0; c < RiskConstants.MaxCollaterals; c++)
        {
            if (p.Collaterals[c] is { } col && col.Aggregator == feed && col.FeedDecimals == p.Market(marketId).FeedDecimals)
                moved.Collateral[c] = price;
        }
        return moved;
    }
}
