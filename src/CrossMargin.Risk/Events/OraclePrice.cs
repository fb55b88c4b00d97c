using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Math;

namespace CrossMargin.Risk.Events;

/// <summary>OracleLib.price's normalisation (staleness is not modelled: the keeper sees fresh ticks).</summary>
public static class OraclePrice
{
    /// <summary>answer·10^(18−d) for d ≤ 18, else answer/10^(d−18) truncated; 0 for a non-positive answer (the contract reverts).</summary>
    public static UInt256 Normalise(BigInteger answer, int decimals)
    {
        if (answer.Sign <= 0)
            return UInt256.Zero;
        var a = (UInt256)answer;
        return decimals <= 18 ? a * WadMath.Pow10(18 - decimals) : a / WadMath.Pow10(decimals - 18);
    }
}
