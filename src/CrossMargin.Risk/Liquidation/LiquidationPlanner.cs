using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Liquidation;

/// <summary>
/// The keeper's inputs: the minimal liquidation fraction and the minimal collateral-liquidation repay the contract
/// accepts. The accepted amounts can form a narrow window — large enough to restore NLV_hm ≥ MM, small enough not to
/// over-liquidate — narrower than <see cref="MinimalSearch"/>'s grid (an account with no positions has MM = 0, hence a
/// tolerance of 0). So the search first finds the smallest amount that is not refused as insufficient (monotone
/// wherever the requirement does not depend on the amount: every ISOLATED/CROSS book, and PORTFOLIO books whose
/// liquidation does not touch a hedge) and takes it when accepted; only then does it search the accepted set itself.
/// </summary>
public static class LiquidationPlanner
{
    /// <summary>Smallest fraction (WAD, 1..1e18) that liquidate() accepts, or null when none is (healthy, no positions, or every fraction reverts).</summary>
    public static UInt256? MinimalFraction(AccountState account, RiskParameters p, PriceSet px)
    {
        if (account.MarketMask == 0 || !Margin.HealthCalculator.Compute(account, p, px).IsLiquidatable)
            return null;
        return Smallest(Math.WadMath.Wad, f => LiquidationSimulator.Liquidate(account, p, px, f).Verdict);
    }

    /// <summary>Smallest maxRepay (quote units, 1..debt) that liquidateCollateral(asset) accepts, or null.</summary>
    public static UInt256? MinimalRepay(AccountState account, RiskParameters p, PriceSet px, int collateralIndex)
    {
        if (!account.QuoteBalance.IsNegative || account.Balances[collateralIndex].IsZero)
            return null;
        if (!Margin.HealthCalculator.Compute(account, p, px).IsLiquidatable)
            return null;
        var debt = account.QuoteBalance.UnsignedAbs;
        return Smallest(debt, r => LiquidationSimulator.LiquidateCollateral(account, p, px, collateralIndex, r).Verdict);
    }

    private static UInt256? Smallest(UInt256 max, Func<UInt256, LiquidationVerdict> verdict)
    {
        if (MinimalSearch.Find(max, x => verdict(x) != LiquidationVerdict.InsufficientLiquidation) is { } enough
            && verdict(enough) == LiquidationVerdict.Accepted)
            return enough;
        return MinimalSearch.Find(max, x => verdict(x) == LiquidationVerdict.Accepted);
    }
}
