using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Math;

/// <summary>
/// The contract's MathLib, operation for operation. MathLib's cheap path (x*y fits 256 bits) and its fallback to
/// OpenZeppelin's 512-bit mulDiv give the same exact quotient, which is what <see cref="UInt256.MulDiv(UInt256, UInt256, UInt256, Rounding)"/>
/// computes; overflow throws where Solidity reverts.
/// </summary>
public static class WadMath
{
    public static readonly UInt256 Wad = new(1_000_000_000_000_000_000UL);
    public static readonly Int256 WadSigned = (Int256)Wad;

    private static readonly UInt256[] Pow10Table = BuildPow10();

    /// <summary>10^n for token and feed decimals (n ≤ 77).</summary>
    public static UInt256 Pow10(int n) => Pow10Table[n];

    public static UInt256 MulDivDown(UInt256 x, UInt256 y, UInt256 d) => UInt256.MulDiv(x, y, d);

    public static UInt256 MulDivUp(UInt256 x, UInt256 y, UInt256 d) => UInt256.MulDiv(x, y, d, Rounding.Ceil);

    public static UInt256 WMulDown(UInt256 a, UInt256 b) => UInt256.MulDiv(a, b, Wad);

    public static UInt256 WMulUp(UInt256 a, UInt256 b) => UInt256.MulDiv(a, b, Wad, Rounding.Ceil);

    /// <summary>Signed x, toward −∞ (MathLib.mulDivFloor).</summary>
    public static Int256 MulDivFloor(Int256 x, UInt256 y, UInt256 d) =>
        !x.IsNegative ? (Int256)MulDivDown(x.UnsignedAbs, y, d) : -(Int256)MulDivUp(x.UnsignedAbs, y, d);

    /// <summary>Signed x, toward +∞ (MathLib.mulDivCeil).</summary>
    public static Int256 MulDivCeil(Int256 x, UInt256 y, UInt256 d) =>
        !x.IsNegative ? (Int256)MulDivUp(x.UnsignedAbs, y, d) : -(Int256)MulDivDown(x.UnsignedAbs, y, d);

    /// <summary>Signed x, toward zero (MathLib.mulDivTrunc).</summary>
    public static Int256 MulDivTrunc(Int256 x, UInt256 y, UInt256 d) =>
        !x.IsNegative ? (Int256)MulDivDown(x.UnsignedAbs, y, d) : -(Int256)MulDivDown(x.UnsignedAbs, y, d);

    /// <summary>Signed x, magnitude up (MathLib.mulDivAway).</summary>
    public static Int256 MulDivAway(Int256 x, UInt256 y, UInt256 d) =>
        !x.IsNegative ? (Int256)MulDivUp(x.UnsignedAbs, y, d) : -(Int256)MulDivUp(x.UnsignedAbs, y, d);

    /// <summary>OpenZeppelin Math.ceilDiv.</summary>
    public static UInt256 CeilDiv(UInt256 a, UInt256 b)
    {
        var q = UInt256.DivRem(a, b, out var r);
        return r.IsZero ? q : q + UInt256.One;
    }

    private static UInt256[] BuildPow10()
    {
        var table = new UInt256[78];
        table[0] = UInt256.One;
        for (var i = 1; i < table.Length; i++)
            table[i] = UInt256.WrappingMul(table[i - 1], new UInt256(10));
        return table;
    }
}
