using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Tests.Screening;

namespace CrossMargin.Risk.Tests.Liquidation;

/// <summary>
/// An account with no positions, quote debt and WETH collateral worth between (1 − hm) and 1/(1 + bonus) of the debt
/// is liquidatable, and repaying it all is refused (the seizure leaves surplus above a tolerance of 0.1% of MM = 0), so
/// the only accepted repays lie in a narrow window: enough to restore NLV_hm ≥ 0, not so much that NLV_hi &gt; 0. The
/// default demo left such an account liquidatable: the planner's 64-point grid stepped over the window and the keeper
/// found "no accepted action" for it on every pass.
/// </summary>
public sealed class NarrowWindowTests
{
    [Theory]
    [InlineData(19_040)]
    [InlineData(19_020)]
    [InlineData(18_500)]
    public void MinimalRepay_AcceptedWindowNarrowerThanTheGrid_FindsTheSmallestAcceptedRepay(int debtUsd)
    {
        var p = TestBooks.FixtureParameters();
        var px = TestBooks.Prices(p, 2_000, 60_000, 150);
        var a = new AccountState(7, MarginMode.Cross) { QuoteBalance = -(Int256)(BigInteger)debtUsd * 1_000_000 };
        a.SetBalance(0, (UInt256)(BigInteger.Pow(10, 19))); // 10 WETH = 20,000 USD: hm 10%, hi 15%, bonus 5%
        var debt = (UInt256)((BigInteger)debtUsd * 1_000_000);
        bool Accepted(UInt256 r) => LiquidationSimulator.LiquidateCollateral(a, p, px, 0, r).Accepted;

        var repay = LiquidationPlanner.MinimalRepay(a, p, px, 0);

        Assert.True(CrossMargin.Risk.Margin.HealthCalculator.Compute(a, p, px).IsLiquidatable, "the account must be liquidatable");
        Assert.False(Accepted(debt), "repaying the whole debt must be refused for this book");
        Assert.True(repay is not null, "an accepted repay exists but the planner found none");
        Assert.True(Accepted(repay!.Value), "the planned repay must be accepted");
        Assert.False(Accepted(repay.Value - UInt256.One), "one unit less must be refused (minimal)");
    }
}
