using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Model;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Keeper.Pipeline;

/// <summary>
/// Turns a liquidatable account into the smallest action the contract accepts: an empty account in debt is settled;
/// positions are liquidated by the minimal fraction; failing that (or with no positions) quote debt is repaid against
/// a collateral by the minimal repay. Null when the exact model finds no accepted action.
/// </summary>
internal static class ActionPlanner
{
    public static LiquidationAction? Plan(Candidate c, RiskParameters p, PriceSet px)
    {
        var a = c.Account;
        if (a.MarketMask == 0 && a.CollateralMask == 0)
        {
            return a.QuoteBalance.IsNegative
                ? new LiquidationAction(a.Id, ActionKind.SettleBadDebt, UInt256.Zero, null, SettleBadDebtFunction.Encode(a.Id), c.DeficitUsd)
                : null;
        }
        if (a.MarketMask != 0 && LiquidationPlanner.MinimalFraction(a, p, px) is { } fraction)
            return new LiquidationAction(a.Id, ActionKind.Liquidate, fraction, null, LiquidateFunction.Encode(a.Id, fraction), c.DeficitUsd);
        if (!a.QuoteBalance.IsNegative)
            return null;
        // Largest collateral value first: it repays the debt with the fewest calls.
        var best = (Index: -1, Value: -1.0);
        for (uint m = a.CollateralMask; m != 0; m &= m - 1)
        {
            var ci = BitOperations.TrailingZeroCount(m);
            var value = (double)(BigInteger)a.Balances[ci] * (double)(BigInteger)px.Collateral[ci];
            if (value > best.Value)
                best = (ci, value);
        }
        if (best.Index < 0 || LiquidationPlanner.MinimalRepay(a, p, px, best.Index) is not { } repay)
            return null;
        var asset = p.Collateral(best.Index).Asset;
        return new LiquidationAction(a.Id, ActionKind.LiquidateCollateral, repay, asset, LiquidateCollateralFunction.Encode(a.Id, asset, repay), c.DeficitUsd);
    }
}
