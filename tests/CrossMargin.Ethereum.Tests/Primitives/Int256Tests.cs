using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using static CrossMargin.Ethereum.Tests.Primitives.BigGen;

namespace CrossMargin.Ethereum.Tests.Primitives;

public sealed class Int256Tests
{
    private static readonly BigInteger Min = -Two255, Max = Two255 - 1;

    [Fact]
    public void Arithmetic_Randomized_MatchesSolidityInt256Semantics()
    {
        var g = new BigGen(20);
        for (int i = 0; i < 20_000; i++)
        {
            Int256 a = g.Int(), b = g.Int();
            BigInteger x = B(a), y = B(b);
            Check(x + y, () => a + b);
            Check(x - y, () => a - b);
            Check(x * y, () => a * b);
            Check(-x, () => -a);
            if (y.IsZero)
            {
                Assert.Throws<DivideByZeroException>(() => a / b);
                Assert.Throws<DivideByZeroException>(() => a % b);
            }
            else
            {
                // BigInteger division truncates toward zero and its remainder takes the dividend's sign, like Solidity.
                Check(BigInteger.Divide(x, y), () => a / b);
                Check(BigInteger.Remainder(x, y), () => a % b);
            }
            Assert.Equal(x.CompareTo(y), a.CompareTo(b));
            Assert.Equal(Wrap(x + y), B(Int256.WrappingAdd(a, b)));
            Assert.Equal(Wrap(x * y), B(Int256.WrappingMul(a, b)));
        }
    }

    [Fact]
    public void ShiftsTextBytes_Randomized_MatchBigInteger()
    {
        var g = new BigGen(21);
        for (int i = 0; i < 20_000; i++)
        {
            Int256 a = g.Int();
            BigInteger x = B(a);
            int s = g.Next(300);
            Assert.Equal(x >> Math.Min(s, 256), B(a >> s)); // BigInteger >> is arithmetic (floor)
            Assert.Equal(Wrap(x << Math.Min(s, 256)), B(a << s));
            Assert.Equal(x.ToString(), a.ToString());
            Assert.Equal(a, Int256.Parse(x.ToString()));
            Assert.Equal(a, Int256.FromBigEndian(a.ToBigEndian()));
            Assert.Equal(a, (Int256)x);
        }
    }

    [Fact]
    public void MulDiv_Randomized_RoundsPerMode()
    {
        var g = new BigGen(22);
        for (int i = 0; i < 20_000; i++)
        {
            Int256 a = g.Int(), b = g.Int(), d = g.Int();
            if (d.IsZero) continue;
            BigInteger n = B(a) * B(b), den = B(d);
            BigInteger trunc = BigInteger.DivRem(n, den, out var rem);
            bool neg = (n.Sign < 0) != (den.Sign < 0);
            BigInteger floor = !rem.IsZero && neg ? trunc - 1 : trunc;
            BigInteger ceil = !rem.IsZero && !neg ? trunc + 1 : trunc;
            BigInteger expand = rem.IsZero ? trunc : neg ? trunc - 1 : trunc + 1;
            Check(floor, () => Int256.MulDiv(a, b, d, Rounding.Floor));
            Check(ceil, () => Int256.MulDiv(a, b, d, Rounding.Ceil));
            Check(trunc, () => Int256.MulDiv(a, b, d, Rounding.Trunc));
            Check(expand, () => Int256.MulDiv(a, b, d, Rounding.Expand));
        }
    }

    [Fact]
    public void EdgeCases_MinValueOverflowsAndShiftsRoundDown()
    {
        Assert.Throws<OverflowException>(() => Int256.MinValue / Int256.MinusOne);
        Assert.Equal(Int256.Zero, Int256.MinValue % Int256.MinusOne);
        Assert.Throws<OverflowException>(() => -Int256.MinValue);
        Assert.Throws<OverflowException>(() => Int256.MinValue.Abs());
        Assert.Throws<OverflowException>(() => Int256.MaxValue + Int256.One);
        Assert.Throws<OverflowException>(() => Int256.MinValue - Int256.One);
        Assert.Equal(Two255, B(Int256.MinValue.UnsignedAbs));
        Assert.Equal((Int256)(-1), (Int256)(-1) >> 1);
        Assert.Equal((Int256)(-2), (Int256)(-3) >> 1);
        Assert.Equal((Int256)(-1), (Int256)(-5) / (Int256)3 + Int256.Zero);
        Assert.Equal((Int256)(-2), (Int256)(-5) % (Int256)3);
        Assert.Equal(Min, B(Int256.Parse(Min.ToString())));
        Assert.Equal(Max, B(Int256.Parse(Max.ToString())));
        Assert.Throws<FormatException>(() => Int256.Parse((Max + 1).ToString()));
        Assert.Throws<FormatException>(() => Int256.Parse((Min - 1).ToString()));
        Assert.Throws<OverflowException>(() => (Int256)UInt256.MaxValue);
        Assert.Throws<OverflowException>(() => (UInt256)Int256.MinusOne);
        Assert.Equal(long.MinValue, (long)(Int256)long.MinValue);
        Assert.Throws<OverflowException>(() => (long)((Int256)long.MaxValue + Int256.One));
    }

    private static BigInteger Wrap(BigInteger v)
    {
        var m = ((v % Two256) + Two256) % Two256;
        return m >= Two255 ? m - Two256 : m;
    }

    private static void Check(BigInteger expected, Func<Int256> op)
    {
        if (expected >= Min && expected <= Max) Assert.Equal(expected, B(op()));
        else Assert.Throws<OverflowException>(() => op());
    }
}
