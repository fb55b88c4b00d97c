namespace CrossMargin.Risk.Math;

/// <summary>A minimal unsigned 256-bit value (two 128-bit halves, wrapping) for <see cref="Margin.FastPortfolioRoot"/>,
/// whose bounds rule out overflow; the public 256-bit type stays <see cref="Ethereum.Primitives.UInt256"/>.</summary>
internal readonly record struct U256(UInt128 Hi, UInt128 Lo)
{
    public static U256 Product(UInt128 x, UInt128 y)
    {
        Wide128.Multiply(x, y, out var hi, out var lo);
        return new U256(hi, lo);
    }

    public static U256 operator +(U256 a, U256 b)
    {
        var lo = a.Lo + b.Lo;
        return new U256(a.Hi + b.Hi + (lo < a.Lo ? UInt128.One : UInt128.Zero), lo);
    }

    public static U256 operator -(U256 a, U256 b) =>
        new(a.Hi - b.Hi - (a.Lo < b.Lo ? UInt128.One : UInt128.Zero), a.Lo - b.Lo);

    public static bool operator <(U256 a, U256 b) => a.Hi != b.Hi ? a.Hi < b.Hi : a.Lo < b.Lo;

    public static bool operator >(U256 a, U256 b) => b < a;

    public static bool operator <=(U256 a, U256 b) => !(b < a);

    public static bool operator >=(U256 a, U256 b) => !(a < b);

    public double ToDouble() => (double)Hi * 340282366920938463463374607431768211456.0 + (double)Lo;

    /// <summary>⌊this·m/d⌋ (⌈·⌉ when <paramref name="up"/>) for this &lt; 2^241, m &lt; 2^64, d &lt; 2^64 with a quotient &lt; 2^256.</summary>
    public U256 MulDiv(ulong m, ulong d, bool up)
    {
        Span<ulong> n = [(ulong)Lo, (ulong)(Lo >> 64), (ulong)Hi, (ulong)(Hi >> 64), 0];
        ulong carry = 0;
        for (var k = 0; k < 4; k++)
        {
            var t = (UInt128)n[k] * m + carry;
            n[k] = (ulong)t;
            carry = (ulong)(t >> 64);
        }
        n[4] = carry;
        UInt128 rem = 0;
        for (var k = 4; k >= 0; k--)
        {
            var part = (rem << 64) | n[k];
            var q = part / d;
            rem = part - q * d;
            n[k] = (ulong)q;
        }
        if (n[4] != 0)
            throw Wide128.Overflow();
        var result = new U256(new UInt128(n[3], n[2]), new UInt128(n[1], n[0]));
        return up && rem != 0 ? result + new U256(0, 1) : result;
    }
}
