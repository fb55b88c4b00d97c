using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Math;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.WadMath;

namespace CrossMargin.Risk.Liquidation;

/// <summary>MarginEngine.liquidate and liquidateCollateral replayed on a copy of the account (state untouched).</summary>
public static class LiquidationSimulator
{
    public static readonly UInt256 Tolerance = new(RiskConstants.LiquidationTolerance);

    /// <summary>liquidate(account, fraction): _requireLiquidatable, _closeFraction, _cappedPenalty, _keeperReward,
    /// _checkLiquidation. The open-interest cap does not apply: the contract exempts liquidations from it. The reward is
    /// the contract's before its liquidity cap (the engine's quote token balance, which the mirror does not track).</summary>
    public static LiquidationOutcome Liquidate(AccountState account, RiskParameters p, PriceSet px, UInt256 fraction)
    {
        if (fraction.IsZero || fraction > Wad)
            throw new ArgumentOutOfRangeException(nameof(fraction), "InvalidFraction");
        var before = HealthCalculator.Compute(account, p, px);
        if (!before.IsLiquidatable)
            return new(LiquidationVerdict.NotLiquidatable, before, before, default, default);
        if (account.MarketMask == 0)
            return new(LiquidationVerdict.NoPositions, before, before, default, default);
        var a = account.Clone();
        Int256 realized = Int256.Zero;
        UInt256 penalty = UInt256.Zero, closeFee = UInt256.Zero;
        for (ulong mask = a.MarketMask; mask != 0; mask &= mask - 1)
        {
            int id = BitOperations.TrailingZeroCount(mask);
            var size = a.Positions[id].Size;
            // Rounds toward zero: a liquidation never closes more than the fraction asked for.
            var close = fraction == Wad ? -size : -MulDivTrunc(size, fraction, Wad);
            if (close.IsZero)
                continue;
            var price = px.OfMarket(id);
            var notional = MulDivUp(close.UnsignedAbs, price, Wad);
            // Rounds up (to whole quote units): the penalty is a charge to the account.
            penalty += QuoteUnits.Up(WMulUp(notional, p.Market(id).LiquidationFee), p.QuoteScale);
            realized += TradeMath.Apply(a, id, close, price, p);
            // Rounds up, as a trade charges it: the plain close the keeper reward is measured against.
            closeFee += QuoteUnits.Up(WMulUp(notional, p.Market(id).TakerFee), p.QuoteScale);
        }
        a.QuoteBalance += realized;
        var closed = HealthCalculator.Compute(a, p, px);
        penalty = CappedPenalty(closed, penalty, p.QuoteScale);
        a.QuoteBalance -= (Int256)penalty;
        var charged = (Int256)(penalty * p.QuoteScale);
        var after = new Health(closed.NlvMaint - charged, closed.NlvInit - charged, closed.Mm, closed.Im);
        return new(Check(before, after, fraction == Wad), before, after, penalty, KeeperReward(penalty, closeFee, p.KeeperShare));
    }

    /// <summary>MarginEngine._cappedPenalty: never more than the equity (NLV_hm) left after the close, rounded down.</summary>
    public static UInt256 CappedPenalty(Health closed, UInt256 penalty, UInt256 quoteScale) =>
        closed.NlvMaint.IsNegative ? UInt256.Zero : UInt256.Min(penalty, closed.NlvMaint.UnsignedAbs / quoteScale);

    /// <summary>MarginEngine._keeperReward before its liquidity cap: the keeper share (rounded down), at most the penalty
    /// minus the taker fee of a plain close.</summary>
    public static UInt256 KeeperReward(UInt256 penalty, UInt256 closeFee, UInt256 keeperShare)
    {
        var reward = WMulDown(penalty, keeperShare);
        if (penalty < closeFee + reward)
            reward = penalty > closeFee ? penalty - closeFee : UInt256.Zero;
        return reward;
    }

    /// <summary>liquidateCollateral(account, asset, maxRepay): repay min(debt, maxRepay), seize per _collateralTerms.</summary>
    public static LiquidationOutcome LiquidateCollateral(AccountState account, RiskParameters p, PriceSet px, int collateralIndex, UInt256 maxRepay)
    {
        if (maxRepay.IsZero)
            throw new ArgumentOutOfRangeException(nameof(maxRepay), "ZeroAmount");
        var before = HealthCalculator.Compute(account, p, px);
        if (!before.IsLiquidatable)
            return new(LiquidationVerdict.NotLiquidatable, before, before, default, default);
        var quote = account.QuoteBalance;
        if (!quote.IsNegative)
            return new(LiquidationVerdict.NoDebt, before, before, default, default);
        var balance = account.Balances[collateralIndex];
        var (repaid, seized) = CollateralTerms(p.Collateral(collateralIndex), px.OfCollateral(collateralIndex), balance, UInt256.Min(quote.UnsignedAbs, maxRepay), p.QuoteScale);
        var a = account.Clone();
        a.QuoteBalance = quote + (Int256)repaid;
        a.SetBalance(collateralIndex, balance - seized);
        var after = HealthCalculator.Compute(a, p, px);
        return new(Check(before, after, a.QuoteBalance.IsZero || seized == balance), before, after, repaid, seized);
    }

    /// <summary>MarginEngine._collateralTerms.</summary>
    public static (UInt256 Repaid, UInt256 Seized) CollateralTerms(CollateralRisk c, UInt256 price, UInt256 balance, UInt256 repay, UInt256 quoteScale)
    {
        var unit = Pow10(c.TokenDecimals);
        // Rounds down: seized collateral is paid out.
        var seized = MulDivDown(WMulDown(repay * quoteScale, Wad + c.Bonus), unit, price);
        if (seized < balance)
            return (repay, seized);
        // Rounds up: the repay that buys the whole balance is a charge to the liquidator.
        var balanceValue = MulDivUp(balance, price, unit);
        return (UInt256.Min(QuoteUnits.Up(MulDivUp(balanceValue, Wad, Wad + c.Bonus), quoteScale), repay), balance);
    }

    /// <summary>MarginEngine._checkLiquidation.</summary>
    public static LiquidationVerdict Check(Health before, Health after, bool complete)
    {
        // Rounds down: the tolerance is an allowance to the liquidator.
        var tolerance = WMulDown(before.Mm, Tolerance);
        if (after.InitialSurplus > (Int256)tolerance)
            return LiquidationVerdict.OverLiquidation;
        if (!complete && after.NlvMaint < (Int256)after.Mm)
            return LiquidationVerdict.InsufficientLiquidation;
        return LiquidationVerdict.Accepted;
    }
}
