using System.Buffers.Binary;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Math;

/// <summary>
/// MathLib's mulDiv family on 128-bit operands with a full 256-bit product and a 64-bit divisor: the exact same
/// floor/ceil quotient as <see cref="WadMath"/>, or <see cref="OverflowException"/> when an operand or the quotient
/// needs more than 128 bits (the caller then falls back to the 256-bit path, which decides what the contract does).
/// </summary>
internal static class Wide128
{

    /// <summary>⌊x·y/d⌋ (or ⌈·⌉ when <paramref name="up"/>), exact.</summary>
    public static UInt128 MulDiv(UInt128 x, UInt128 y, ulong d, bool up)
    {
        Multiply(x, y, out var hi, out var lo);
        // The quotient fits 128 bits iff hi < d; then every partial remainder fits 64 bits.
        if (hi >= d)
            throw Overflow();
        var n1 = (hi << 64) | (lo >> 64);
        var q1 = n1 / d;
        var n0 = ((n1 - q1 * d) << 64) | (ulong)lo;
        var q0 = n0 / d;
        var q = (q1 << 64) | q0;
        return up && n0 != q0 * d ? checked(q + 1) : q;
    }

    /// <summary>Signed x toward −∞ (MathLib.mulDivFloor).</summary>
    public static Int128 MulDivFloor(Int128 x, UInt128 y, ulong d) =>
        x >= 0 ? Signed(MulDiv((UInt128)x, y, d, false)) : -Signed(MulDiv(Abs(x), y, d, true));

    /// <summary>Signed x toward +∞ (MathLib.mulDivCeil).</summary>
    public static Int128 MulDivCeil(Int128 x, UInt128 y, ulong d) =>
        x >= 0 ? Signed(MulDiv((UInt128)x, y, d, true)) : -Signed(MulDiv(Abs(x), y, d, false));

    /// <summary>Signed x, magnitude up (MathLib.mulDivAway).</summary>
    public static Int128 MulDivAway(Int128 x, UInt128 y, ulong d) =>
        x >= 0 ? Signed(MulDiv((UInt128)x, y, d, true)) : -Signed(MulDiv(Abs(x), y, d, true));

    /// <summary>The full 256-bit product x·y as (hi, lo).</summary>
    public static void Multiply(UInt128 x, UInt128 y, out UInt128 hi, out UInt128 lo)
    {
        ulong x0 = (ulong)x, x1 = (ulong)(x >> 64), y0 = (ulong)y, y1 = (ulong)(y >> 64);
        ulong h00 = System.Math.BigMul(x0, y0, out ulong l00);
        ulong h01 = System.Math.BigMul(x0, y1, out ulong l01);
        ulong h10 = System.Math.BigMul(x1, y0, out ulong l10);
        ulong h11 = System.Math.BigMul(x1, y1, out ulong l11);
        var mid = (UInt128)h00 + l01 + l10;
        lo = (mid << 64) | l00;
        hi = new UInt128(h11, l11) + h01 + h10 + (mid >> 64);
    }

    public static UInt128 Abs(Int128 x) => x >= 0 ? (UInt128)x : x == Int128.MinValue ? throw Overflow() : (UInt128)(-x);

    public static Int128 Signed(UInt128 x) => x <= (UInt128)Int128.MaxValue ? (Int128)x : throw Overflow();

    public static ulong Narrow64(UInt256 v)
    {
        var u = Narrow(v);
        return u <= ulong.MaxValue ? (ulong)u : throw Overflow();
    }

    public static UInt128 Narrow(UInt256 v)
    {
        Span<byte> b = stackalloc byte[32];
        v.WriteBigEndian(b);
        if (BinaryPrimitives.ReadUInt128BigEndian(b) != 0)
            throw Overflow();
        return BinaryPrimitives.ReadUInt128BigEndian(b[16..]);
    }

    public static Int128 Narrow(Int256 v)
    {
        Span<byte> b = stackalloc byte[32];
        v.WriteBigEndian(b);
        var high = BinaryPrimitives.ReadUInt128BigEndian(b);
        var low = (Int128)BinaryPrimitives.ReadUInt128BigEndian(b[16..]);
        // Sign extension: the high half must be all zeros (low ≥ 0) or all ones (low < 0).
        if (high != (low < 0 ? UInt128.MaxValue : UInt128.Zero))
            throw Overflow();
        return low;
    }

    public static OverflowException Overflow() => new("does not fit the 128-bit fast path");

    public static UInt256 Widen(UInt128 v) => new((ulong)v, (ulong)(v >> 64));

    public static Int256 Widen(Int128 v)
    {
        ulong ext = v < 0 ? ulong.MaxValue : 0;
        return Int256.FromBits(new UInt256((ulong)v, (ulong)((UInt128)v >> 64), ext, ext));
    }
}
