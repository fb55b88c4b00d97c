using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.WadMath;

namespace CrossMargin.Risk.Margin;

/// <summary>MarginEngine._portfolioRoot: ⌈sqrt(max(0, Σ_ij y_i ρ_ij y_j))⌉ with y_i = σ_i·e_i rounded away from zero.</summary>
public static class PortfolioRoot
{
    public static UInt256 Compute(Span<Int256> e, ulong exposed, RiskParameters p)
    {
        for (ulong mask = exposed; mask != 0; mask &= mask - 1)
        {
            int i = BitOperations.TrailingZeroCount(mask);
            // Rounds away from zero: a larger shock is the conservative one.
            e[i] = MulDivAway(e[i], p.Market(i).Sigma, Wad);
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
        return v <= Int256.Zero ? UInt256.Zero : UInt256.Sqrt((UInt256)v, Rounding.Ceil);
    }
}
