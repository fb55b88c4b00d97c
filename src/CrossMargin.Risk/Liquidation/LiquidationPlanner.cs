using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Liquidation;

/// <summary>The keeper's inputs: the minimal liquidation fraction and the minimal collateral-liquidation repay the contract accepts.</summary>
public static class LiquidationPlanner
{
    /// <summary>Smallest fraction (WAD, 1..1e18) that liquidate() accepts, or null when none is (healthy, no positions, or every fraction reverts).</summary>
    public static UInt256? MinimalFraction(AccountState account, RiskParameters p, PriceSet px)
    {
        if (account.MarketMask == 0 || !Margin.HealthCalculator.Compute(account, p, px).IsLiquidatable)
            return null;
        return MinimalSearch.Find(Math.WadMath.Wad, f => LiquidationSimulator.Liquidate(account, p, px, f).Accepted);
    }

    /// <summary>Smallest maxRepay (quote units, 1..debt) that liquidateCollateral(asset) accepts, or null.</summary>
    public static UInt256? MinimalRepay(AccountState account, RiskParameters p, PriceSet px, int collateralIndex)
    {
        if (!account.QuoteBalance.IsNegative || account.Balances[collateralIndex].IsZero)
            return null;
        if (!Margin.HealthCalculator.Compute(account, p, px).IsLiquidatable)
            return null;
        var debt = account.QuoteBalance.UnsignedAbs;
        return MinimalSearch.Find(debt, r => LiquidationSimulator.LiquidateCollateral(account, p, px, collateralIndex, r).Accepted);
    }
}
