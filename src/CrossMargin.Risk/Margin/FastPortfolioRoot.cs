using System.Numerics;
using CrossMargin.Risk.Math;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.Wide128;

namespace CrossMargin.Risk.Margin;

/// <summary>
/// <see cref="PortfolioRoot"/> for 128-bit exposures. With |y| &lt; 2^120 every term of V is below 2^245 and V below 2^255,
/// so V is held exactly as a positive and a negative 256-bit sum; ⌈√V⌉ starts from a double estimate, takes Newton
/// steps in double and is then fixed up exactly ((r−1)² &lt; V ≤ r²), so the doubles only affect speed.
/// </summary>
internal static class FastPortfolioRoot
{
    private const ulong Wad = 1_000_000_000_000_000_000UL;
    private static readonly UInt128 YLimit = UInt128.One << 120;

    public static UInt128 Compute(Span<Int128> e, ulong exposed, int linkedCount, RiskParameters p)
    {
        int n = 0;
        UInt128 sumAbsY = 0;
        for (ulong mask = exposed; mask != 0; mask &= mask - 1)
        {
            int i = BitOperations.TrailingZeroCount(mask);
            // Rounds away from zero (the allowance covers either direction against the exact value).
            e[i] = MulDivAway(e[i], Narrow(p.Market(i).Sigma), Wad);
            if (Abs(e[i]) >= YLimit)
                throw Overflow();
            sumAbsY += Abs(e[i]); // < 24 · 2^120
            n++;
        }
        U256 positive = default, negative = default;
        for (ulong outer = exposed; outer != 0; outer &= outer - 1)
        {
            int i = BitOperations.TrailingZeroCount(outer);
            var yi = e[i];
            var ai = Abs(yi);
            positive += U256.Product(ai, ai);
            for (ulong inner = outer & (outer - 1); inner != 0; inner &= inner - 1)
            {
                int j = BitOperations.TrailingZeroCount(inner);
                long rho = p.RhoRaw(i, j);
                if (rho == 0)
                    continue;
                bool negativeTerm = (yi < 0) ^ (e[j] < 0) ^ (rho < 0);
                // Rounds toward +∞ (each off-diagonal term once, then doubled): V is a requirement.
                var term = U256.Product(ai, Abs(e[j])).MulDiv((ulong)System.Math.Abs(rho), Wad, up: !negativeTerm);
                if (negativeTerm) negative += term + term;
                else positive += term + term;
            }
        }
        if (n != 0)
        {
            // PortfolioRoot.RoundingAllowance: 2·s·Σ|ŷ| + s², s = n·(2 + linked) ≤ 24·18, so well inside 256 bits.
            var spread = (UInt128)(ulong)(n * (2 + linkedCount));
            positive += U256.Product(2 * spread, sumAbsY) + U256.Product(spread, spread);
        }
        return positive <= negative ? UInt128.Zero : CeilSqrt(positive - negative);
    }

    /// <summary>⌈√v⌉ for 0 &lt; v &lt; 2^255.</summary>
    private static UInt128 CeilSqrt(U256 v)
    {
        var r = (UInt128)System.Math.Sqrt(v.ToDouble());
        for (var step = 0; step < 3 && r != 0; step++)
        {
            var square = U256.Product(r, r);
            double diff = square <= v ? (v - square).ToDouble() : -(square - v).ToDouble();
            double delta = diff / (2.0 * (double)r);
            if (System.Math.Abs(delta) < 1)
                break;
            r = delta > 0 ? r + (UInt128)delta : r - (UInt128)(-delta);
        }
        // Exact fix-up to the smallest r with r² ≥ v; a few steps at most, else leave it to the 256-bit path.
        for (var guard = 0; U256.Product(r, r) < v; guard++)
            r = guard < 16 ? r + 1 : throw Overflow();
        for (var guard = 0; r > 0 && U256.Product(r - 1, r - 1) >= v; guard++)
            r = guard < 16 ? r - 1 : throw Overflow();
        return r;
    }
}
