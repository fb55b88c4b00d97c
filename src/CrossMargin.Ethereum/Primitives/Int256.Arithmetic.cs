namespace CrossMargin.Ethereum.Primitives;

public readonly partial struct Int256
{
    public static Int256 operator +(Int256 a, Int256 b)
    {
        var r = new Int256(UInt256.WrappingAdd(a._bits, b._bits));
        if (a.IsNegative == b.IsNegative && r.IsNegative != a.IsNegative)
            throw new OverflowException("Int256 addition overflowed");
        return r;
    }

    public static Int256 operator -(Int256 a, Int256 b)
    {
        var r = new Int256(UInt256.WrappingSub(a._bits, b._bits));
        if (a.IsNegative != b.IsNegative && r.IsNegative != a.IsNegative)
            throw new OverflowException("Int256 subtraction overflowed");
        return r;
    }

    public static Int256 operator -(Int256 a) =>
        a == MinValue ? throw new OverflowException("negating Int256.MinValue overflows") : new Int256(UInt256.WrappingSub(UInt256.Zero, a._bits));

    public static Int256 operator *(Int256 a, Int256 b)
    {
        if (UInt256.MulWithOverflow(a.UnsignedAbs, b.UnsignedAbs, out var mag))
            throw new OverflowException("Int256 multiplication overflowed");
        return FromSignAndMagnitude(a.IsNegative != b.IsNegative, mag, "multiplication");
    }

    /// <summary>Truncates toward zero like Solidity; <c>MinValue / -1</c> throws.</summary>
    public static Int256 operator /(Int256 a, Int256 b)
    {
        if (b.IsZero) throw new DivideByZeroException("Int256 division by zero");
        UInt256 q = a.UnsignedAbs / b.UnsignedAbs;
        return FromSignAndMagnitude(a.IsNegative != b.IsNegative, q, "division");
    }

    /// <summary>Result has the sign of the dividend, like Solidity.</summary>
    public static Int256 operator %(Int256 a, Int256 b)
    {
        if (b.IsZero) throw new DivideByZeroException("Int256 modulo by zero");
        UInt256 r = a.UnsignedAbs % b.UnsignedAbs;
        return FromSignAndMagnitude(a.IsNegative, r, "modulo");
    }

    public static Int256 operator ++(Int256 a) => a + One;
    public static Int256 operator --(Int256 a) => a - One;

    public static Int256 operator &(Int256 a, Int256 b) => new(a._bits & b._bits);
    public static Int256 operator |(Int256 a, Int256 b) => new(a._bits | b._bits);
    public static Int256 operator ^(Int256 a, Int256 b) => new(a._bits ^ b._bits);
    public static Int256 operator ~(Int256 a) => new(~a._bits);

    /// <summary>Bits shifted out are lost (Solidity does not check shifts).</summary>
    public static Int256 operator <<(Int256 a, int shift) => new(a._bits << shift);

    /// <summary>Arithmetic shift: rounds toward negative infinity, as Solidity's <c>&gt;&gt;</c> on signed types.</summary>
    public static Int256 operator >>(Int256 a, int shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (!a.IsNegative) return new Int256(a._bits >> shift);
        if (shift >= 256) return MinusOne;
        return new Int256(~(~a._bits >> shift));
    }

    public Int256 Abs() => IsNegative ? -this : this;

    public static Int256 WrappingAdd(Int256 a, Int256 b) => new(UInt256.WrappingAdd(a._bits, b._bits));
    public static Int256 WrappingSub(Int256 a, Int256 b) => new(UInt256.WrappingSub(a._bits, b._bits));
    public static Int256 WrappingMul(Int256 a, Int256 b) => new(UInt256.WrappingMul(a._bits, b._bits));

    /// <summary>
    /// a * b / d with a 512-bit intermediate and explicit rounding (Floor/Ceil toward -inf/+inf,
    /// Trunc toward zero, Expand away from zero). Throws if the result does not fit Int256.
    /// </summary>
    public static Int256 MulDiv(Int256 a, Int256 b, Int256 d, Rounding rounding)
    {
        if (d.IsZero) throw new DivideByZeroException("Int256 mulDiv by zero");
        bool negative = (a.IsNegative != b.IsNegative) != d.IsNegative && !a.IsZero && !b.IsZero;
        bool awayFromZero = rounding switch
        {
            Rounding.Floor => negative,
            Rounding.Ceil => !negative,
            Rounding.Expand => true,
            _ => false,
        };
        UInt256 mag = UInt256.MulDiv(a.UnsignedAbs, b.UnsignedAbs, d.UnsignedAbs, awayFromZero ? Rounding.Expand : Rounding.Trunc);
        return FromSignAndMagnitude(negative, mag, "mulDiv");
    }

    private static Int256 FromSignAndMagnitude(bool negative, UInt256 magnitude, string op)
    {
        UInt256 limit = MinValue._bits; // 2^255
        if (negative ? magnitude > limit : magnitude >= limit)
            throw new OverflowException($"Int256 {op} overflowed");
        return new Int256(negative ? UInt256.WrappingSub(UInt256.Zero, magnitude) : magnitude);
    }
}
