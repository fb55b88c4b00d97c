using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Tests.Screening;

namespace CrossMargin.Risk.Tests.Margin;

/// <summary>
/// Issue 11 (5): every PORTFOLIO figure rounds in the protocol's favour against the exact value. On random books with
/// odd-wei sizes, balances and prices, most of them near-hedged (long one market, short a correlated one), the exact
/// variance V = Σ_ij ρ_ij·σ_i·σ_j·e_i·e_j (e_i the exact exposure: Σ size·P + linked balance·P, as rationals) is
/// recomputed with BigInteger and compared with the mirror (which equals the contract to the wei): MM² ≥ V, MM ≥ α·MM_cross
/// exact, IM² ≥ k_im²·V, IM ≥ α·IM_cross exact, and NLV never above the exact NLV.
/// </summary>
public sealed class ExactRoundingTests
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);

    [Fact]
    public void Issue11_PortfolioRequirements_NeverBelowTheExactValue()
    {
        var p = TestBooks.FixtureParameters();
        int below = 0, hedged = 0;
        string first = "";
        for (var seed = 0; seed < 3_000; seed++)
        {
            var rng = new Random(seed);
            var (a, px, isHedge) = RandomBook(rng, p);
            if (isHedge) hedged++;
            var h = HealthCalculator.Compute(a, p, px);
            var failure = Violation(a, p, px, h);
            if (failure is null)
                continue;
            below++;
            if (first.Length == 0) first = $"seed {seed}: {failure}";
        }
        Assert.True(hedged > 1_500, $"the generator must mostly build hedges ({hedged})");
        Assert.True(below == 0, $"{below} of 3,000 books round below the exact value; first: {first}");
    }

    /// <summary>Null when every figure is on the protocol's side of the exact value, else what is not.</summary>
    private static string? Violation(AccountState a, RiskParameters p, PriceSet px, Health h)
    {
        // Exposures scaled by 1e18 (WAD²): E_i = Σ size·P + Σ balance·P·10^(18−d), all integers.
        var e = new BigInteger[RiskConstants.MaxMarkets + 1];
        BigInteger nlv = (BigInteger)a.QuoteBalance * (BigInteger)p.QuoteScale * Wad, mmCross = 0, imCross = 0;
        for (var c = 0; c < 2; c++)
        {
            var cr = p.Collateral(c);
            var value = (BigInteger)a.Balances[c] * (BigInteger)px.OfCollateral(c) * BigInteger.Pow(10, 18 - cr.TokenDecimals);
            e[cr.LinkedMarket] += value;
            nlv += value;
        }
        for (var m = 1; m <= 3; m++)
        {
            var pos = a.Positions[m];
            var x = (BigInteger)pos.Size * (BigInteger)px.OfMarket(m);
            e[m] += x;
            nlv += x - (BigInteger)pos.OpenNotional * Wad;
            mmCross += BigInteger.Abs(x) * (BigInteger)p.Market(m).Mmf; // WAD³
            imCross += BigInteger.Abs(x) * (BigInteger)p.Market(m).Imf;
        }
        // V·1e90 = Σ_ij ρ_ij σ_i σ_j E_i E_j (ρ, σ in WAD; E in WAD²).
        BigInteger v = 0;
        for (var i = 1; i <= 3; i++)
            for (var j = 1; j <= 3; j++)
                v += (BigInteger)p.Correlation(i, j) * (BigInteger)p.Market(i).Sigma * (BigInteger)p.Market(j).Sigma * e[i] * e[j];
        if (v < 0) v = 0;
        var mm = (BigInteger)h.Mm;
        var im = (BigInteger)h.Im;
        var alpha = (BigInteger)p.Alpha;
        var kIm = (BigInteger)p.KIm;
        if (mm * mm * BigInteger.Pow(10, 90) < v)
            return $"MM {mm} < √V exact";
        if (im * im * BigInteger.Pow(10, 126) < v * kIm * kIm)
            return $"IM {im} < k_im·√V exact";
        if (mm * BigInteger.Pow(10, 54) < mmCross * alpha)
            return $"MM {mm} < α·MM_cross exact";
        if (im * BigInteger.Pow(10, 54) < imCross * alpha)
            return $"IM {im} < α·IM_cross exact";
        if ((BigInteger)h.NlvMaint * Wad > nlv)
            return $"NLV {h.NlvMaint} above the exact value";
        return null;
    }

    private static (AccountState, PriceSet, bool Hedged) RandomBook(Random rng, RiskParameters p)
    {
        var px = new PriceSet();
        px.Market[1] = px.Collateral[0] = Price(rng, 2_000);
        px.Market[2] = px.Collateral[1] = Price(rng, 60_000);
        px.Market[3] = Price(rng, 150);
        var a = new AccountState(1, MarginMode.Portfolio) { QuoteBalance = (Int256)(BigInteger)rng.Next(0, 50_000_000) * 1_000 };
        // A leg of 1..400k USD in one market, and (mostly) an opposite leg of about the same notional in another.
        int first = rng.Next(1, 4), second = 1 + (first + rng.Next(0, 2)) % 3;
        var notional = Odd(rng, 1_000, 400_000);
        var legs = new BigInteger[4];
        legs[first] = Size(notional, px.OfMarket(first), rng.Next(2) == 0 ? 1 : -1);
        bool hedged = rng.Next(5) > 0;
        if (hedged)
            legs[second] += Size(notional * (1_000_000 + rng.Next(-3_000, 3_000)) / 1_000_000, px.OfMarket(second), -legs[first].Sign);
        else
            legs[rng.Next(1, 4)] += Size(Odd(rng, 1_000, 50_000), px.OfMarket(3), rng.Next(2) == 0 ? 1 : -1);
        for (var m = 1; m <= 3; m++)
            if (!legs[m].IsZero)
                a.SetPosition(m, new PositionState((Int256)legs[m], (Int256)(legs[m] * (BigInteger)px.OfMarket(m) / Wad + rng.Next(-1_000, 1_000))));
        if (rng.Next(3) == 0) a.SetBalance(0, (UInt256)(Odd(rng, 1, 50) + rng.Next()));
        if (rng.Next(3) == 0) a.SetBalance(1, (UInt256)(BigInteger)rng.Next(1, 1_000_000_000));
        return (a, px, hedged);
    }

    /// <summary>A WAD size worth about <paramref name="usd"/> (WAD) at <paramref name="price"/>, with odd low digits.</summary>
    private static BigInteger Size(BigInteger usd, UInt256 price, int sign) => sign * (usd * Wad / (BigInteger)price + 7_777);

    private static BigInteger Odd(Random rng, int lo, int hi) => (BigInteger)rng.Next(lo, hi) * Wad + rng.NextInt64(1, long.MaxValue);

    private static UInt256 Price(Random rng, int around) =>
        (UInt256)((BigInteger)(around * (0.8 + 0.4 * rng.NextDouble()) * 1e8) * BigInteger.Pow(10, 10) + rng.Next(0, 10_000_000));
}
