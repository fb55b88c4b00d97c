using CrossMargin.Risk.Events;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Tests.Fixtures;

/// <summary>Field-by-field equality of two mirrors: parameters, accounts, feed answers and net sizes.</summary>
internal static class BookAssert
{
    public static void Equal(RiskBook expected, RiskBook actual)
    {
        var (e, a) = (expected.Parameters, actual.Parameters);
        Assert.Equal(e.Quote, a.Quote);
        Assert.Equal(e.QuoteScale, a.QuoteScale);
        Assert.Equal((e.Alpha, e.KIm, e.KeeperShare), (a.Alpha, a.KIm, a.KeeperShare));
        Assert.Equal(e.Markets, a.Markets);
        Assert.Equal(e.Collaterals, a.Collaterals);
        Assert.Equal(e.CollateralIndexByAsset.OrderBy(kv => kv.Value), a.CollateralIndexByAsset.OrderBy(kv => kv.Value));
        for (var i = 1; i <= RiskConstants.MaxMarkets; i++)
            for (var j = 1; j <= RiskConstants.MaxMarkets; j++)
                Assert.True(e.RhoRaw(i, j) == a.RhoRaw(i, j), $"rho({i},{j}) {a.RhoRaw(i, j)} vs {e.RhoRaw(i, j)}");
        Assert.Equal(expected.Answers.OrderBy(kv => kv.Key.ToString()), actual.Answers.OrderBy(kv => kv.Key.ToString()));
        Assert.Equal(expected.NetSize, actual.NetSize);
        Assert.Equal(expected.Accounts.Keys.Order(), actual.Accounts.Keys.Order());
        foreach (var (id, x) in expected.Accounts)
        {
            var y = actual.Accounts[id];
            Assert.True(x.Mode == y.Mode && x.QuoteBalance == y.QuoteBalance && x.MarketMask == y.MarketMask && x.CollateralMask == y.CollateralMask,
                $"account {id}: {y.Mode}/{y.QuoteBalance}/{y.MarketMask}/{y.CollateralMask} vs {x.Mode}/{x.QuoteBalance}/{x.MarketMask}/{x.CollateralMask}");
            Assert.True(x.Balances.SequenceEqual(y.Balances), $"account {id}: balances");
            Assert.True(x.Positions.SequenceEqual(y.Positions), $"account {id}: positions");
        }
    }
}
