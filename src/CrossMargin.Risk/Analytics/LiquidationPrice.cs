using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Analytics;

/// <summary>
/// The market price (others held; collaterals on the same aggregator move with it) at which the account turns
/// liquidatable. Prices are searched on the feed's answer grid (multiples of 10^(18−decimals) WAD), the only prices the
/// contract can see, by bisection on the exact health, between the current price and 1 unit (downwards) or
/// current·<see cref="MaxMultiple"/> (upwards). The result P is a boundary: liquidatable at P and not one answer unit
/// towards the current price.
/// Limits: liquidatability along one price is monotone for ISOLATED/CROSS accounts with one position per market (NLV is
/// linear, MM is |x|·mmf). PORTFOLIO accounts are not monotone in general (√V has an interior minimum when hedged, e.g.
/// a basis trade, and linked collateral moves both NLV and exposure): bisection then returns *a* boundary between the
/// current price and the probed end, not necessarily the nearest one; an island of liquidatability narrower than the
/// bisection's first steps can be missed, and both sides may be liquidatable (use <see cref="FindBelow"/>/<see cref="FindAbove"/>).
/// </summary>
public static class LiquidationPrice
{
    public const ulong MaxMultiple = 1_000;

    /// <summary>The current price if liquidatable; else the downside boundary if the bottom of the range is liquidatable,
    /// else the upside one; null if neither end is.</summary>
    public static UInt256? Find(AccountState a, RiskParameters p, PriceSet px, int marketId)
    {
        var search = new Search(a, p, px, marketId);
        if (search.Liquidatable(search.Current))
            return px.OfMarket(marketId);
        return FindBelow(a, p, px, marketId) ?? FindAbove(a, p, px, marketId);
    }

    /// <summary>The largest liquidatable price below the current one, if the lowest answer (1 unit) is liquidatable.</summary>
    public static UInt256? FindBelow(AccountState a, RiskParameters p, PriceSet px, int marketId)
    {
        var s = new Search(a, p, px, marketId);
        UInt256 lo = UInt256.One, hi = s.Current; // lo liquidatable, hi not
        if (s.Liquidatable(hi) || !s.Liquidatable(lo))
            return null;
        while (hi - lo > UInt256.One)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (s.Liquidatable(mid)) lo = mid; else hi = mid;
        }
        return lo * s.Unit;
    }

    /// <summary>The smallest liquidatable price above the current one, if current·MaxMultiple is liquidatable.</summary>
    public static UInt256? FindAbove(AccountState a, RiskParameters p, PriceSet px, int marketId)
    {
        var s = new Search(a, p, px, marketId);
        UInt256 lo = s.Current, hi = s.Current * new UInt256(MaxMultiple); // lo not liquidatable, hi liquidatable
        if (s.Liquidatable(lo) || !s.Liquidatable(hi))
            return null;
        while (hi - lo > UInt256.One)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (s.Liquidatable(mid)) hi = mid; else lo = mid;
        }
        return hi * s.Unit;
    }

    /// <summary>Prices in answer units: price = answer · <see cref="Unit"/>.</summary>
    private sealed class Search(AccountState a, RiskParameters p, PriceSet px, int marketId)
    {
        private readonly MarketRisk _market = p.Market(marketId);

        public UInt256 Unit => _market.FeedDecimals <= 18 ? Math.WadMath.Pow10(18 - _market.FeedDecimals) : UInt256.One;

        public UInt256 Current => UInt256.Max(UInt256.One, px.OfMarket(marketId) / Unit);

        public bool Liquidatable(UInt256 answer) => HealthCalculator.Compute(a, p, With(answer * Unit)).IsLiquidatable;

        private PriceSet With(UInt256 price)
        {
            var moved = px.Clone();
            moved.Market[marketId] = price;
            for (var c = 0; c < RiskConstants.MaxCollaterals; c++)
            {
                if (p.Collaterals[c] is { } col && col.Aggregator == _market.Aggregator && col.FeedDecimals == _market.FeedDecimals)
                    moved.Collateral[c] = price;
            }
            return moved;
        }
    }
}
