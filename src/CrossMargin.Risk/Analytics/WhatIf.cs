using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Math;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.WadMath;

namespace CrossMargin.Risk.Analytics;

/// <summary>MarginEngine.trade replayed on a copy: the open-interest cap and position rules, taker fee, _applyTrade,
/// settlement and the _enforceMargin rule. The verdict is the contract's (a refusal is a value, not a health).</summary>
public static class WhatIf
{
    /// <param name="netSize">the market's net size (Σ sizes, <see cref="Events.RiskBook.NetSize"/>), for the open-interest cap.</param>
    public static TradeOutcome Trade(AccountState account, RiskParameters p, PriceSet px, int marketId, Int256 sizeDelta, Int256 netSize)
    {
        if (sizeDelta.IsZero)
            throw new ArgumentOutOfRangeException(nameof(sizeDelta), "ZeroAmount");
        bool trivially = TriviallySafe(account);
        var before = trivially ? default : HealthCalculator.Compute(account, p, px);
        var refusal = TradeMath.Refusal(account, marketId, sizeDelta, p, netSize);
        if (refusal != TradeVerdict.Accepted)
            return new TradeOutcome(refusal, before, null, UInt256.Zero, Int256.Zero);
        var price = px.OfMarket(marketId);
        // Rounds up (to whole quote units): the fee is a charge to the trader.
        var fee = QuoteUnits.Up(WMulUp(MulDivUp(sizeDelta.UnsignedAbs, price, Wad), p.Market(marketId).TakerFee), p.QuoteScale);
        var a = account.Clone();
        var realized = TradeMath.Apply(a, marketId, sizeDelta, price, p);
        a.QuoteBalance += realized - (Int256)fee;
        var after = HealthCalculator.Compute(a, p, px);
        // Below initial margin only a reduce-only trade is excused (a flip opens new risk on the other side).
        bool excusable = !trivially && ReducesOnly(account.Positions[marketId].Size, sizeDelta);
        bool ok = TriviallySafe(a) || after.InitialSurplus >= Int256.Zero
            || (excusable && after.Im <= before.Im && after.InitialSurplus >= before.InitialSurplus);
        return new TradeOutcome(ok ? TradeVerdict.Accepted : TradeVerdict.InsufficientMargin, before, after, fee, realized);
    }

    /// <summary>MarginEngine._reducesOnly: same sign afterwards and no larger.</summary>
    public static bool ReducesOnly(Int256 size, Int256 delta) =>
        !size.IsZero && size.IsNegative != delta.IsNegative && delta.UnsignedAbs <= size.UnsignedAbs;

    /// <summary>MarginEngine._triviallySafe.</summary>
    public static bool TriviallySafe(AccountState a) =>
        a.MarketMask == 0 && !a.QuoteBalance.IsNegative && a.Mode != MarginMode.Portfolio;
}
