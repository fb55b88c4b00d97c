using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Model;

/// <summary>WAD prices per market id and per collateral index, as OracleLib returns them (0 = not available).</summary>
public sealed class PriceSet
{
    public UInt256[] Market { get; } = new UInt256[RiskConstants.MaxMarkets + 1];

    public UInt256[] Collateral { get; } = new UInt256[RiskConstants.MaxCollaterals];

    public UInt256 OfMarket(int marketId)
    {
        var p = Market[marketId];
        return p.IsZero ? throw new InvalidOperationException($"no price for market {marketId}") : p;
    }

    public UInt256 OfCollateral(int index)
    {
        var p = Collateral[index];
        return p.IsZero ? throw new InvalidOperationException($"no price for collateral {index}") : p;
    }

    public PriceSet Clone()
    {
        var copy = new PriceSet();
        Market.CopyTo(copy.Market, 0);
        Collateral.CopyTo(copy.Collateral, 0);
        return copy;
    }
}
