using CrossMargin.Risk.Screening;

namespace CrossMargin.Risk.Benchmarks;

/// <summary>A synthetic book: 8 markets on 8 feeds, 6 collaterals (3 linked), accounts with 4 positions and 3 collaterals on average.</summary>
internal static class SyntheticBook
{
    public static ScreenParameters Parameters()
    {
        var p = new ScreenParameters { Alpha = 0.25, FeedCount = 14 };
        for (var i = 1; i <= 8; i++)
        {
            p.Mmf[i] = 0.05;
            p.Sigma[i] = 0.1;
            p.MarketPrice[i] = 100 * i;
            p.MarketFeed[i] = i - 1;
            for (var j = 1; j <= 8; j++)
                p.Rho[i * ScreenParameters.Stride + j] = i == j ? 1 : 0.5;
        }
        for (var c = 0; c < 6; c++)
        {
            p.OneMinusHm[c] = 0.9;
            p.Linked[c] = c < 3 ? c + 1 : 0;
            p.CollateralPrice[c] = 100 * (c + 1);
            p.CollateralFeed[c] = 8 + c; // own feeds, so the market-1 tick touches only its quarter of the book
        }
        return p;
    }

    public static ScreenBook Build(ScreenParameters p, int accounts, int seed)
    {
        var rng = new Random(seed);
        var builder = new ScreenBookBuilder(p);
        Span<(byte, double, double)> pos = stackalloc (byte, double, double)[8];
        Span<(byte, double)> col = stackalloc (byte, double)[6];
        for (var a = 0; a < accounts; a++)
        {
            // Market 1 is held by a quarter of the book (the tick benchmark's feed); the others fill 4 positions on average.
            int n = 0;
            if (rng.Next(4) == 0) pos[n++] = (1, rng.NextDouble() * 20 - 10, rng.NextDouble() * 1_000);
            for (var m = 2; m <= 8 && n < 8; m++)
                if (rng.NextDouble() < 3.75 / 7) pos[n++] = ((byte)m, rng.NextDouble() * 20 - 10, rng.NextDouble() * 1_000);
            int k = 0;
            for (var c = 0; c < 6; c++)
                if (rng.NextDouble() < 0.5) col[k++] = ((byte)c, rng.NextDouble() * 10);
            builder.Add((ulong)a + 1, a % 3 == 2, rng.NextDouble() * 10_000 - 2_000, pos[..n], col[..k]);
        }
        return builder.Build();
    }
}
