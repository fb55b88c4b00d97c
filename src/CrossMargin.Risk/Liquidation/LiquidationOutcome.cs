using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Liquidation;

/// <summary>A simulated liquidation: the verdict, the health after (when it got that far), penalty and keeper reward (quote units).</summary>
public readonly record struct LiquidationOutcome(LiquidationVerdict Verdict, Health Before, Health After, UInt256 Penalty, UInt256 Reward)
{
    public bool Accepted => Verdict == LiquidationVerdict.Accepted;
}
