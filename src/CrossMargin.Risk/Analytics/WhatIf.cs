using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Math;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.WadMath;

namespace CrossMargin.Risk.Analytics;

/// <summary>MarginEngine.trade replayed on a copy: taker fee, _applyTrade, settlement and the _enforceMargin rule.</summary>
public static class WhatIf
{
    public static TradeOutcome Trade(AccountState account, RiskParameters p, PriceSet px, int marketId, Int256 sizeDelta)
    {
        bool trivially = TriviallySafe(account);
        var before = trivially ? default : HealthCalculator.Compute(account, p, px);
        var price = px.OfMarket(marketId);
        // Rounds up (to whole quote units): the fee is a charge to the trader.
        var fee = QuoteUnits.Up(WMulUp(MulDivUp(sizeDelta.UnsignedAbs, price, Wad), p.Market(marketId).TakerFee), p.QuoteScale);
        var a = account.Clone();
        var realized = TradeMath.Apply(a, marketId, sizeDelta, price, p);
        a.QuoteBalance += realized - (Int256)fee;
        var after = HealthCalculator.Compute(a, p, px);
        bool ok = TriviallySafe(a) || after.InitialSurplus >= Int256.Zero
            || (!trivially && after.Im <= before.Im && after.InitialSurplus >= before.InitialSurplus);
        return new TradeOutcome(before, after, fee, realized, ok);
    }

    /// <summary>MarginEngine._triviallySafe.</summary>
    public static bool TriviallySafe(AccountState a) =>
        a.MarketMask == 0 && !a.QuoteBalance.IsNegative && a.Mode != AccountMode.Portfolio;
}
