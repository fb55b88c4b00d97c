using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Analytics;

/// <summary>Health under price shocks. A shock multiplies a feed's WAD price (1e18 = unchanged); a collateral shares its
/// shock with every market on the same aggregator (WETH moves with ETH-PERP), otherwise it is unshocked.</summary>
public static class StressTest
{
    public static PriceSet Shock(PriceSet px, RiskParameters p, IReadOnlyDictionary<int, UInt256> marketShocks)
    {
        var shocked = px.Clone();
        foreach (var (id, factor) in marketShocks)
        {
            var feed = p.Market(id).Aggregator;
            shocked.Market[id] = Math.WadMath.WMulDown(px.Market[id], factor);
            for (var c = 0; c < RiskConstants.MaxCollaterals; c++)
            {
                if (p.Collaterals[c] is { } col && col.Aggregator == feed)
                    shocked.Collateral[c] = Math.WadMath.WMulDown(px.Collateral[c], factor);
            }
        }
        return shocked;
    }

    public static Health Run(AccountState a, RiskParameters p, PriceSet px, IReadOnlyDictionary<int, UInt256> marketShocks) =>
        HealthCalculator.Compute(a, p, Shock(px, p, marketShocks));
}
