using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Analytics;

/// <summary>
/// A simulated trade. <see cref="After"/>, <see cref="Fee"/> and <see cref="RealizedPnl"/> (quote units) are what the
/// trade would produce; for a refusal that comes before the margin check (open-interest cap, ISOLATED market, position
/// count) there is no state after, so <see cref="After"/> is null and fee and PnL are zero.
/// </summary>
public readonly record struct TradeOutcome(TradeVerdict Verdict, Health Before, Health? After, UInt256 Fee, Int256 RealizedPnl)
{
    public bool Accepted => Verdict == TradeVerdict.Accepted;
}
