using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.WadMath;

namespace CrossMargin.Risk.Margin;

/// <summary>MarginEngine._portfolioRoot: ⌈sqrt(max(0, Σ_ij y_i ρ_ij y_j + allowance))⌉ with y_i = σ_i·e_i rounded away
/// from zero and the allowance of <see cref="RoundingAllowance"/>, which makes V an upper bound of the exact variance.</summary>
public static class PortfolioRoot
{
    public static UInt256 Compute(Span<Int256> e, ulong exposed, int linkedCount, RiskParameters p)
    {
        int n = 0;
        UInt256 sumAbsY = UInt256.Zero;
        for (ulong mask = exposed; mask != 0; mask &= mask - 1)
        {
            int i = BitOperations.TrailingZeroCount(mask);
            // Rounds away from zero (the allowance covers either direction against the exact value).
            e[i] = MulDivAway(e[i], p.Market(i).Sigma, Wad);
            sumAbsY += e[i].UnsignedAbs;
            n++;
        }
        Int256 v = Int256.Zero;
        Int256 two = 2;
        for (ulong outer = exposed; outer != 0; outer &= outer - 1)
        {
            int i = BitOperations.TrailingZeroCount(outer);
            var yi = e[i];
            v += yi * yi;
            for (ulong inner = outer & (outer - 1); inner != 0; inner &= inner - 1)
            {
                int j = BitOperations.TrailingZeroCount(inner);
                long rho = p.RhoRaw(i, j);
                if (rho == 0)
                    continue;
                var prod = yi * e[j];
                // Rounds toward +∞ (each off-diagonal term once, then doubled): V is a requirement.
                v += two * MulDivCeil(rho >= 0 ? prod : -prod, new UInt256((ulong)System.Math.Abs(rho)), Wad);
            }
            e[i] = Int256.Zero;
        }
        v += (Int256)RoundingAllowance(n, sumAbsY, linkedCount);
        return v <= Int256.Zero ? UInt256.Zero : UInt256.Sqrt((UInt256)v, Rounding.Ceil);
    }

    /// <summary>RiskMathLib.roundingAllowance: 2·s·Σ|ŷ| + s² with s = n·(2 + linked), a bound of V_exact − V(ŷ).</summary>
    public static UInt256 RoundingAllowance(int n, UInt256 sumAbsY, int linkedCount)
    {
        if (n == 0)
            return UInt256.Zero;
        var spread = new UInt256((ulong)(n * (2 + linkedCount)));
        return new UInt256(2) * spread * sumAbsY + spread * spread;
    }
}
