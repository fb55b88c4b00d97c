namespace CrossMargin.Ethereum.Primitives;

public readonly partial struct UInt256
{
    /// <summary>
    /// floor(a * b / d) with a full 512-bit intermediate, as OpenZeppelin <c>Math.mulDiv(x, y, denominator)</c>:
    /// throws <see cref="DivideByZeroException"/> for d = 0 and <see cref="OverflowException"/> if the result exceeds 256 bits.
    /// </summary>
    public static UInt256 MulDiv(UInt256 a, UInt256 b, UInt256 d) => MulDivCore(a, b, d, out _);

    /// <summary>
    /// OpenZeppelin <c>Math.mulDiv(x, y, denominator, rounding)</c>: Ceil/Expand add one when the remainder is
    /// non-zero, and that increment is itself checked.
    /// </summary>
    public static UInt256 MulDiv(UInt256 a, UInt256 b, UInt256 d, Rounding rounding)
    {
        UInt256 q = MulDivCore(a, b, d, out bool inexact);
        return RoundsUp(rounding) && inexact ? q + One : q;
    }

    /// <summary>(a * b) mod m over the full 512-bit product, as EVM MULMOD (but throws for m = 0).</summary>
    public static UInt256 MulMod(UInt256 a, UInt256 b, UInt256 m)
    {
        if (m.IsZero) throw new DivideByZeroException("UInt256 mulmod by zero");
        Span<ulong> p = stackalloc ulong[8];
        LimbMath.Multiply(a, b, p);
        Span<ulong> q = stackalloc ulong[8];
        Span<ulong> r = stackalloc ulong[4];
        LimbMath.DivRem(p, [m.U0, m.U1, m.U2, m.U3], q, r);
        return new UInt256(r[0], r[1], r[2], r[3]);
    }

    /// <summary>(a + b) mod m over the 257-bit sum, as EVM ADDMOD (but throws for m = 0).</summary>
    public static UInt256 AddMod(UInt256 a, UInt256 b, UInt256 m)
    {
        if (m.IsZero) throw new DivideByZeroException("UInt256 addmod by zero");
        bool carry = AddWithOverflow(a, b, out var sum);
        Span<ulong> q = stackalloc ulong[5];
        Span<ulong> r = stackalloc ulong[4];
        LimbMath.DivRem([sum.U0, sum.U1, sum.U2, sum.U3, carry ? 1UL : 0UL], [m.U0, m.U1, m.U2, m.U3], q, r);
        return new UInt256(r[0], r[1], r[2], r[3]);
    }

    /// <summary>Integer square root rounded down (OpenZeppelin <c>Math.sqrt(a)</c>).</summary>
    public static UInt256 Sqrt(UInt256 a)
    {
        if (a.FitsUInt64)
        {
            ulong v = a.U0;
            ulong s = (ulong)Math.Sqrt(v);
            // Double rounding can be off by one either way near 2^64; fix it exactly.
            while (s > 0 && (s > uint.MaxValue || s * s > v)) s--;
            while (s + 1 <= uint.MaxValue && (s + 1) * (s + 1) <= v) s++;
            return s;
        }
        // Newton from an over-estimate 2^ceil(bits/2) decreases monotonically to floor(sqrt(a)).
        UInt256 x = One << ((a.BitLength + 1) / 2);
        while (true)
        {
            UInt256 y = (x + a / x) >> 1;
            if (y >= x) return x;
            x = y;
        }
    }

    /// <summary>OpenZeppelin <c>Math.sqrt(a, rounding)</c>: Ceil/Expand round up when not a perfect square.</summary>
    public static UInt256 Sqrt(UInt256 a, Rounding rounding)
    {
        UInt256 s = Sqrt(a);
        return RoundsUp(rounding) && WrappingMul(s, s) < a ? s + One : s;
    }

    internal static bool RoundsUp(Rounding rounding) => rounding is Rounding.Ceil or Rounding.Expand;

    private static UInt256 MulDivCore(UInt256 a, UInt256 b, UInt256 d, out bool inexact)
    {
        if (d.IsZero) throw new DivideByZeroException("UInt256 mulDiv by zero");
        Span<ulong> p = stackalloc ulong[8];
        LimbMath.Multiply(a, b, p);
        Span<ulong> q = stackalloc ulong[8];
        Span<ulong> r = stackalloc ulong[4];
        LimbMath.DivRem(p, [d.U0, d.U1, d.U2, d.U3], q, r);
        if ((q[4] | q[5] | q[6] | q[7]) != 0)
            throw new OverflowException("UInt256 mulDiv result exceeds 256 bits");
        inexact = (r[0] | r[1] | r[2] | r[3]) != 0;
        return new UInt256(q[0], q[1], q[2], q[3]);
    }
}
