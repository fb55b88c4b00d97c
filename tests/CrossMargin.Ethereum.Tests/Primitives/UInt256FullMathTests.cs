using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using static CrossMargin.Ethereum.Tests.Primitives.BigGen;

namespace CrossMargin.Ethereum.Tests.Primitives;

public sealed class UInt256FullMathTests
{
    [Fact]
    public void MulDiv_Randomized_MatchesBigIntegerFloorAndCeil()
    {
        var g = new BigGen(10);
        for (int i = 0; i < 20_000; i++)
        {
            UInt256 a = g.UInt(), b = g.UInt(), d = g.UInt();
            if (d.IsZero)
            {
                Assert.Throws<DivideByZeroException>(() => UInt256.MulDiv(a, b, d));
                continue;
            }
            BigInteger q = BigInteger.DivRem(B(a) * B(b), B(d), out var rem);
            BigInteger ceil = rem.IsZero ? q : q + 1;
            CheckOrOverflow(q, () => UInt256.MulDiv(a, b, d));
            CheckOrOverflow(q, () => UInt256.MulDiv(a, b, d, Rounding.Floor));
            CheckOrOverflow(q, () => UInt256.MulDiv(a, b, d, Rounding.Trunc));
            CheckOrOverflow(ceil, () => UInt256.MulDiv(a, b, d, Rounding.Ceil));
            CheckOrOverflow(ceil, () => UInt256.MulDiv(a, b, d, Rounding.Expand));
            Assert.Equal(B(a) * B(b) % B(d), B(UInt256.MulMod(a, b, d)));
            Assert.Equal((B(a) + B(b)) % B(d), B(UInt256.AddMod(a, b, d)));
        }
    }

    [Fact]
    public void MulDiv_EdgeCases_MatchOpenZeppelin()
    {
        var max = UInt256.MaxValue;
        Assert.Equal(max, UInt256.MulDiv(max, max, max));
        Assert.Equal(max - 1, UInt256.MulDiv(max, max - 1, max));
        Assert.Throws<OverflowException>(() => UInt256.MulDiv(max, max, max - 1));
        Assert.Throws<DivideByZeroException>(() => UInt256.MulDiv(1, 1, 0));
        // Exact max with a non-zero remainder: rounding up must overflow, as OZ's checked `+ 1` reverts.
        UInt256 a = max, b = 2, d = 2;
        Assert.Equal(max, UInt256.MulDiv(a, b, d, Rounding.Ceil));
        Assert.Throws<OverflowException>(() => UInt256.MulDiv(max, 3, 2, Rounding.Floor));
        Assert.Equal(UInt256.Zero, UInt256.MulDiv(0, max, 1, Rounding.Ceil));
        Assert.Equal(UInt256.One, UInt256.MulDiv(1, 1, max, Rounding.Ceil));
        Assert.Equal(UInt256.Zero, UInt256.MulDiv(1, 1, max, Rounding.Floor));
        // OZ test: mulDiv(max-1, max-1, max) rounds 0xff..fd with remainder 1 -> ceil 0xff..fe.
        var q = UInt256.MulDiv(max - 1, max - 1, max);
        Assert.Equal(max - 2, q);
        Assert.Equal(max - 1, UInt256.MulDiv(max - 1, max - 1, max, Rounding.Ceil));
    }

    [Fact]
    public void Sqrt_Randomized_IsFloorAndCeilRoot()
    {
        var g = new BigGen(11);
        for (int i = 0; i < 20_000; i++)
        {
            UInt256 a = g.UInt();
            BigInteger x = B(a), s = B(UInt256.Sqrt(a));
            Assert.True(s * s <= x && (s + 1) * (s + 1) > x, $"floor sqrt({x}) gave {s}");
            BigInteger c = B(UInt256.Sqrt(a, Rounding.Ceil));
            Assert.Equal(s * s == x ? s : s + 1, c);
            Assert.Equal(s, B(UInt256.Sqrt(a, Rounding.Floor)));
        }
    }

    [Fact]
    public void Sqrt_EdgeCases_AreExact()
    {
        Assert.Equal(UInt256.Zero, UInt256.Sqrt(0));
        Assert.Equal(UInt256.Zero, UInt256.Sqrt(0, Rounding.Ceil));
        Assert.Equal(UInt256.One, UInt256.Sqrt(1, Rounding.Ceil));
        Assert.Equal(new UInt256(2), UInt256.Sqrt(2, Rounding.Ceil));
        Assert.Equal(new UInt256(uint.MaxValue), UInt256.Sqrt(ulong.MaxValue));
        Assert.Equal(new UInt256(1UL << 32), UInt256.Sqrt(ulong.MaxValue, Rounding.Ceil));
        Assert.Equal(new UInt256(ulong.MaxValue, ulong.MaxValue), UInt256.Sqrt(UInt256.MaxValue));
        Assert.Equal(new UInt256(0, 0, 1), UInt256.Sqrt(UInt256.MaxValue, Rounding.Ceil));
        for (ulong k = (1UL << 32) - 3; k < (1UL << 32) + 3; k++)
        {
            UInt256 square = (UInt256)k * k;
            Assert.Equal(new UInt256(k), UInt256.Sqrt(square));
            Assert.Equal(new UInt256(k - 1), UInt256.Sqrt(square - 1));
            Assert.Equal(new UInt256(k), UInt256.Sqrt(square - 1, Rounding.Ceil));
            Assert.Equal(new UInt256(k + 1), UInt256.Sqrt(square + 1, Rounding.Ceil));
        }
    }

    private static void CheckOrOverflow(BigInteger expected, Func<UInt256> op)
    {
        if (expected < Two256) Assert.Equal(expected, B(op()));
        else Assert.Throws<OverflowException>(() => op());
    }
}
