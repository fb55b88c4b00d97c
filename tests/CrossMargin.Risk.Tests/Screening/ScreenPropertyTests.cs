using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Screening;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CrossMargin.Risk.Tests.Screening;

/// <summary>FsCheck properties on random books near the liquidation boundary (the devnet fixture's parameters).</summary>
public sealed class ScreenPropertyTests
{
    private static readonly RiskParameters Params = TestBooks.FixtureParameters();

    public static Arbitrary<AccountState> Accounts() => Arb.From(TestBooks.AccountGen(Params));

    /// <summary>Never misses: every account the exact maths calls liquidatable gets a negative screen margin.</summary>
    [Property(MaxTest = 400, Arbitrary = [typeof(ScreenPropertyTests)])]
    public bool Screen_NeverMissesALiquidatableAccount(AccountState account, PositiveInt ethMove, PositiveInt btcMove)
    {
        var px = TestBooks.Prices(Params, 200 + ethMove.Get % 4_000, 6_000 + btcMove.Get * 37 % 120_000, 150);
        var exact = HealthCalculator.Compute(account, Params, px);
        // The same account moved to the boundary: the largest quote balance that still leaves NLV_hm < MM (≤ 1e-6 USD short).
        var edge = account.Clone();
        edge.QuoteBalance += BoundaryShift(exact);
        return Check(account, px) && Check(edge, px);
    }

    /// <summary>⌊(MM − NLV_hm − 1) / QUOTE_SCALE⌋: the quote change that leaves NLV_hm in [MM − QUOTE_SCALE, MM − 1].</summary>
    private static Int256 BoundaryShift(Health h)
    {
        var numerator = (Int256)h.Mm - h.NlvMaint - Int256.One;
        var scale = (Int256)Params.QuoteScale;
        var q = numerator / scale;
        return numerator.IsNegative && q * scale != numerator ? q - Int256.One : q;
    }

    private static bool Check(AccountState account, PriceSet px)
    {
        var exact = HealthCalculator.Compute(account, Params, px);
        var parameters = ScreenParameters.From(Params, px);
        var builder = new ScreenBookBuilder(parameters);
        builder.Add(account, Params);
        var screener = new Screener(builder.Build(), parameters);
        screener.RecomputeAll();
        return !exact.IsLiquidatable || !(screener.Book.Margin[0] >= 0);
    }

    /// <summary>The boundary construction above really lands on liquidatable accounts within 1e-6 USD of MM.</summary>
    [Fact]
    public void Screen_BoundaryAccount_IsFlagged()
    {
        var px = TestBooks.Prices(Params, 1_500, 50_000, 120);
        var a = new AccountState(7, MarginMode.Portfolio);
        a.SetBalance(0, (UInt256)(BigInteger.Pow(10, 19) + 12345));
        a.SetPosition(1, new PositionState((Int256)(-BigInteger.Pow(10, 19) - 777), (Int256)(-BigInteger.Pow(10, 22) * 2)));
        a.SetPosition(2, new PositionState((Int256)(BigInteger.Pow(10, 18) / 3), (Int256)(BigInteger.Pow(10, 21) * 21)));
        var h = HealthCalculator.Compute(a, Params, px);
        a.QuoteBalance += BoundaryShift(h);
        var after = HealthCalculator.Compute(a, Params, px);
        Assert.True(after.IsLiquidatable);
        Assert.True((Int256)after.Mm - after.NlvMaint <= (Int256)Params.QuoteScale);
        Assert.True(Check(a, px), "screen missed a boundary account");
    }

    /// <summary>The minimal fraction is accepted and one wei of fraction less is not (exact simulator).</summary>
    [Property(MaxTest = 60, Arbitrary = [typeof(ScreenPropertyTests)])]
    public bool MinimalFraction_IsLocallyMinimal(AccountState account, PositiveInt crash)
    {
        var px = TestBooks.Prices(Params, 2_000 - crash.Get % 900, 60_000 + crash.Get % 20_000, 150 - crash.Get % 70);
        if (LiquidationPlanner.MinimalFraction(account, Params, px) is not { } f)
            return true;
        var accepted = LiquidationSimulator.Liquidate(account, Params, px, f).Accepted;
        var oneLess = f == UInt256.One || !LiquidationSimulator.Liquidate(account, Params, px, f - UInt256.One).Accepted;
        return accepted && oneLess;
    }
}
