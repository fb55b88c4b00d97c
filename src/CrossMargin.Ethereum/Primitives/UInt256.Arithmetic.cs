namespace CrossMargin.Ethereum.Primitives;

public readonly partial struct UInt256
{
    public static UInt256 operator +(UInt256 a, UInt256 b) =>
        AddWithOverflow(a, b, out var r) ? throw new OverflowException("UInt256 addition overflowed") : r;

    public static UInt256 operator -(UInt256 a, UInt256 b) =>
        SubWithUnderflow(a, b, out var r) ? throw new OverflowException("UInt256 subtraction underflowed") : r;

    public static UInt256 operator *(UInt256 a, UInt256 b) =>
        MulWithOverflow(a, b, out var r) ? throw new OverflowException("UInt256 multiplication overflowed") : r;

    public static UInt256 operator /(UInt256 a, UInt256 b) => DivRem(a, b, out _);

    public static UInt256 operator %(UInt256 a, UInt256 b)
    {
        DivRem(a, b, out var rem);
        return rem;
    }

    public static UInt256 operator ++(UInt256 a) => a + One;
    public static UInt256 operator --(UInt256 a) => a - One;

    /// <summary>Returns true when a + b overflowed; <paramref name="result"/> is the wrapped sum.</summary>
    public static bool AddWithOverflow(UInt256 a, UInt256 b, out UInt256 result)
    {
        ulong c = 0;
        ulong r0 = LimbMath.AddCarry(a.U0, b.U0, ref c);
        ulong r1 = LimbMath.AddCarry(a.U1, b.U1, ref c);
        ulong r2 = LimbMath.AddCarry(a.U2, b.U2, ref c);
        ulong r3 = LimbMath.AddCarry(a.U3, b.U3, ref c);
        result = new UInt256(r0, r1, r2, r3);
        return c != 0;
    }

    /// <summary>Returns true when a - b underflowed; <paramref name="result"/> is the wrapped difference.</summary>
    public static bool SubWithUnderflow(UInt256 a, UInt256 b, out UInt256 result)
    {
        ulong br = 0;
        ulong r0 = LimbMath.SubBorrow(a.U0, b.U0, ref br);
        ulong r1 = LimbMath.SubBorrow(a.U1, b.U1, ref br);
        ulong r2 = LimbMath.SubBorrow(a.U2, b.U2, ref br);
        ulong r3 = LimbMath.SubBorrow(a.U3, b.U3, ref br);
        result = new UInt256(r0, r1, r2, r3);
        return br != 0;
    }

    /// <summary>Returns true when a * b overflowed; <paramref name="result"/> is the low 256 bits.</summary>
    public static bool MulWithOverflow(UInt256 a, UInt256 b, out UInt256 result)
    {
        if (a.FitsUInt64 && b.FitsUInt64)
        {
            ulong hi = Math.BigMul(a.U0, b.U0, out ulong lo);
            result = new UInt256(lo, hi);
            return false;
        }
        Span<ulong> p = stackalloc ulong[8];
        LimbMath.Multiply(a, b, p);
        result = new UInt256(p[0], p[1], p[2], p[3]);
        return (p[4] | p[5] | p[6] | p[7]) != 0;
    }

    public static UInt256 WrappingAdd(UInt256 a, UInt256 b)
    {
        AddWithOverflow(a, b, out var r);
        return r;
    }

    public static UInt256 WrappingSub(UInt256 a, UInt256 b)
    {
        SubWithUnderflow(a, b, out var r);
        return r;
    }

    public static UInt256 WrappingMul(UInt256 a, UInt256 b)
    {
        MulWithOverflow(a, b, out var r);
        return r;
    }

    /// <summary>Truncating division; throws <see cref="DivideByZeroException"/> like Solidity's panic 0x12.</summary>
    public static UInt256 DivRem(UInt256 a, UInt256 b, out UInt256 remainder)
    {
        if (b.IsZero) throw new DivideByZeroException("UInt256 division by zero");
        if (a < b)
        {
            remainder = a;
            return Zero;
        }
        if (a.FitsUInt64)
        {
            ulong q64 = a.U0 / b.U0;
            remainder = a.U0 - q64 * b.U0;
            return q64;
        }
        Span<ulong> q = stackalloc ulong[4];
        Span<ulong> r = stackalloc ulong[4];
        LimbMath.DivRem([a.U0, a.U1, a.U2, a.U3], [b.U0, b.U1, b.U2, b.U3], q, r);
        remainder = new UInt256(r[0], r[1], r[2], r[3]);
        return new UInt256(q[0], q[1], q[2], q[3]);
    }

    /// <summary>Checked exponentiation (Solidity <c>**</c>): throws on overflow.</summary>
    public static UInt256 Pow(UInt256 value, uint exponent)
    {
        UInt256 result = One;
        UInt256 b = value;
        while (exponent != 0)
        {
            if ((exponent & 1) != 0) result *= b;
            exponent >>= 1;
            if (exponent != 0) b *= b;
        }
        return result;
    }
}
