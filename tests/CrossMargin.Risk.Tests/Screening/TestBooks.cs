using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;
using FsCheck;
using FsCheck.Fluent;

namespace CrossMargin.Risk.Tests.Screening;

/// <summary>Deploy.s.sol's parameters without a chain, and generators of accounts whose margin sits near MM.</summary>
internal static class TestBooks
{
    private static UInt256 F(double x) => (UInt256)(new BigInteger(System.Math.Round(x * 1e6)) * BigInteger.Pow(10, 12));

    public static RiskParameters FixtureParameters()
    {
        var p = new RiskParameters(new Address(new byte[20]), 6);
        var feeds = new[] { Feed(1), Feed(2), Feed(3) };
        p.Markets[1] = new MarketRisk(feeds[0], 8, F(0.1), F(0.05), F(0.1), F(0.01), F(0.0005), F(100_000));
        p.Markets[2] = new MarketRisk(feeds[1], 8, F(0.1), F(0.05), F(0.1), F(0.01), F(0.0005), F(5_000));
        p.Markets[3] = new MarketRisk(feeds[2], 8, F(0.2), F(0.1), F(0.2), F(0.02), F(0.0005), F(2_000_000));
        p.Collaterals[0] = new CollateralRisk(Feed(10), 0, feeds[0], 8, 18, F(0.1), F(0.15), F(0.05), 1);
        p.Collaterals[1] = new CollateralRisk(Feed(11), 1, feeds[1], 8, 8, F(0.1), F(0.15), F(0.05), 2);
        p.SetCorrelation(1, 2, (Int256)(BigInteger)F(0.8));
        p.SetCorrelation(1, 3, (Int256)(BigInteger)F(0.6));
        p.SetCorrelation(2, 3, (Int256)(BigInteger)F(0.5));
        return p;
    }

    public static PriceSet Prices(RiskParameters p, double eth, double btc, double sol)
    {
        var px = new PriceSet();
        px.Market[1] = px.Collateral[0] = F8(eth);
        px.Market[2] = px.Collateral[1] = F8(btc);
        px.Market[3] = F8(sol);
        return px;
    }

    public static Gen<AccountState> AccountGen(RiskParameters p) =>
        from mode in Gen.Choose(0, 2)
        from quote in Gen.Choose(-20_000, 60_000)
        from weth in Gen.Choose(0, 40_000)
        from wbtc in Gen.Choose(0, 300)
        from sizes in Gen.ArrayOf(Gen.Choose(-400_000, 400_000), 3)
        from entries in Gen.ArrayOf(Gen.Choose(50, 150), 3)
        from dust in Gen.Choose(0, int.MaxValue)
        select Build(mode, quote, weth, wbtc, sizes, entries, dust);

    private static AccountState Build(int mode, int quote, int weth, int wbtc, int[] sizes, int[] entries, int dust)
    {
        var a = new AccountState(1, (MarginMode)mode) { QuoteBalance = (Int256)(BigInteger)quote * 1_000_000 + dust % 1_000_000 };
        a.SetBalance(0, (UInt256)(new BigInteger(weth) * BigInteger.Pow(10, 15) + dust));
        a.SetBalance(1, (UInt256)(new BigInteger(wbtc) * 100_000 + dust % 100_000));
        double[] prices = [2_000, 60_000, 150];
        double[] unit = [1e-3, 1e-5, 1e-1];
        for (var m = 0; m < 3; m++)
        {
            if (sizes[m] == 0 || (mode == 0 && m > 0))
                continue;
            var size = (Int256)(new BigInteger(sizes[m] * unit[m] * 1e6) * BigInteger.Pow(10, 12) + dust % 1_000_003);
            var on = (Int256)(new BigInteger(sizes[m] * unit[m] * prices[m] * entries[m] / 100 * 1e6) * BigInteger.Pow(10, 12) + dust % 7_777);
            a.SetPosition(m + 1, new PositionState(size, on));
        }
        return a;
    }

    private static UInt256 F8(double usd) => (UInt256)(new BigInteger(System.Math.Round(usd * 1e8)) * BigInteger.Pow(10, 10));

    private static Address Feed(byte n)
    {
        var b = new byte[20];
        b[19] = n;
        return new Address(b);
    }
}
