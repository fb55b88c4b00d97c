using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Screening;

/// <summary>Dense double copies of the risk parameters and prices (USD) the screen reads; feeds group markets and collaterals that share an aggregator.</summary>
public sealed class ScreenParameters
{
    public const int Stride = RiskConstants.MaxMarkets + 1;

    public double[] Mmf { get; } = new double[Stride];
    public double[] Sigma { get; } = new double[Stride];
    public double[] Rho { get; } = new double[Stride * Stride];
    public double[] OneMinusHm { get; } = new double[RiskConstants.MaxCollaterals];
    public int[] Linked { get; } = new int[RiskConstants.MaxCollaterals];
    public double Alpha { get; set; }
    public double[] MarketPrice { get; } = new double[Stride];
    public double[] CollateralPrice { get; } = new double[RiskConstants.MaxCollaterals];

    /// <summary>Feed index of each market and collateral (−1 = unlisted).</summary>
    public int[] MarketFeed { get; } = Enumerable.Repeat(-1, Stride).ToArray();
    public int[] CollateralFeed { get; } = Enumerable.Repeat(-1, RiskConstants.MaxCollaterals).ToArray();
    public int FeedCount { get; set; }

    /// <summary>Feed index by aggregator address (filled by <see cref="From"/>).</summary>
    public Dictionary<Ethereum.Primitives.Address, int> FeedIndex { get; } = [];

    public static ScreenParameters From(RiskParameters p, PriceSet px)
    {
        var s = new ScreenParameters { Alpha = ToDouble(p.Alpha) };
        var feeds = s.FeedIndex;
        int Feed(Ethereum.Primitives.Address a) => feeds.TryGetValue(a, out var f) ? f : feeds[a] = feeds.Count;
        for (var i = 1; i <= RiskConstants.MaxMarkets; i++)
        {
            if (p.Markets[i] is not { } m)
                continue;
            s.Mmf[i] = ToDouble(m.Mmf);
            s.Sigma[i] = ToDouble(m.Sigma);
            s.MarketPrice[i] = ToDouble(px.Market[i]);
            s.MarketFeed[i] = Feed(m.Aggregator);
            for (var j = 1; j <= RiskConstants.MaxMarkets; j++)
                s.Rho[i * Stride + j] = i == j ? 1.0 : p.RhoRaw(i, j) / 1e18;
        }
        for (var c = 0; c < RiskConstants.MaxCollaterals; c++)
        {
            if (p.Collaterals[c] is not { } col)
                continue;
            s.OneMinusHm[c] = 1.0 - ToDouble(col.Hm);
            s.Linked[c] = col.LinkedMarket;
            s.CollateralPrice[c] = ToDouble(px.Collateral[c]);
            s.CollateralFeed[c] = Feed(col.Aggregator);
        }
        s.FeedCount = feeds.Count;
        return s;
    }

    /// <summary>WAD integer to a double in units (1e18 → 1.0).</summary>
    public static double ToDouble(Ethereum.Primitives.UInt256 wad) => (double)(System.Numerics.BigInteger)wad / 1e18;
}
