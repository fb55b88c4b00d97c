using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using static CrossMargin.Ethereum.Tests.Primitives.BigGen;

namespace CrossMargin.Ethereum.Tests.Primitives;

public sealed class UInt256Tests
{
    private const int Iterations = 20_000;

    [Fact]
    public void AddSubMul_Randomized_MatchBigIntegerAndDetectOverflow()
    {
        var g = new BigGen(1);
        for (int i = 0; i < Iterations; i++)
        {
            UInt256 a = g.UInt(), b = g.UInt();
            BigInteger x = B(a), y = B(b);

            AssertOp(x + y, () => a + b, UInt256.AddWithOverflow(a, b, out var s), s);
            AssertOp(x - y, () => a - b, UInt256.SubWithUnderflow(a, b, out var d), d);
            AssertOp(x * y, () => a * b, UInt256.MulWithOverflow(a, b, out var p), p);
        }

        static void AssertOp(BigInteger exact, Func<UInt256> op, bool overflowed, UInt256 wrapped)
        {
            bool fits = exact.Sign >= 0 && exact < Two256;
            Assert.Equal(!fits, overflowed);
            Assert.Equal(((exact % Two256) + Two256) % Two256, B(wrapped));
            if (fits) Assert.Equal(exact, B(op()));
            else Assert.Throws<OverflowException>(() => op());
        }
    }

    [Fact]
    public void DivRem_Randomized_MatchBigInteger()
    {
        var g = new BigGen(2);
        for (int i = 0; i < Iterations * 2; i++)
        {
            UInt256 a = g.UInt(), b = g.UInt();
            if (b.IsZero)
            {
                Assert.Throws<DivideByZeroException>(() => a / b);
                continue;
            }
            var q = UInt256.DivRem(a, b, out var r);
            Assert.Equal(BigInteger.Divide(B(a), B(b)), B(q));
            Assert.Equal(BigInteger.Remainder(B(a), B(b)), B(r));
            Assert.Equal(q, a / b);
            Assert.Equal(r, a % b);
        }
    }

    [Fact]
    public void DivRem_KnuthAddBackShapes_MatchBigInteger()
    {
        // Dividend/divisor shapes (top limbs near 2^63) make Knuth D's qhat estimate one too large.
        ulong h = 0x8000_0000_0000_0000;
        var cases = new (UInt256 A, UInt256 B)[]
        {
            (new UInt256(0, 0, h, h - 1), new UInt256(1, 0, h)),
            (new UInt256(0, h - 1, h, 0), new UInt256(1, 0, h)),
            (new UInt256(0, 0, h - 1, h), new UInt256(1, h)),
            (new UInt256(ulong.MaxValue, 0, ulong.MaxValue - 1, h), new UInt256(ulong.MaxValue, 0, h)),
            (new UInt256(0, 0xfffe_0000_0000_0000, 0x7fff_8000_0000_0000, 0), new UInt256(0xffff_0000_0000_0001, 0x8000_0000_0000_0000)),
            (UInt256.MaxValue, new UInt256(ulong.MaxValue, ulong.MaxValue, 1)),
        };
        foreach (var (a, b) in cases)
        {
            var q = UInt256.DivRem(a, b, out var r);
            Assert.Equal(B(a) / B(b), B(q));
            Assert.Equal(B(a) % B(b), B(r));
        }
    }

    [Fact]
    public void ShiftsAndBitwise_Randomized_MatchBigInteger()
    {
        var g = new BigGen(3);
        for (int i = 0; i < Iterations; i++)
        {
            UInt256 a = g.UInt(), b = g.UInt();
            int s = g.Next(300);
            Assert.Equal((B(a) << s) % Two256, B(a << s));
            Assert.Equal(B(a) >> s, B(a >> s));
            Assert.Equal(B(a) & B(b), B(a & b));
            Assert.Equal(B(a) | B(b), B(a | b));
            Assert.Equal(B(a) ^ B(b), B(a ^ b));
            Assert.Equal(Two256 - 1 - B(a), B(~a));
            Assert.Equal(B(a).CompareTo(B(b)), a.CompareTo(b));
            Assert.Equal(B(a) == B(b), a == b);
            Assert.Equal((int)(B(a).IsZero ? 0 : B(a).GetBitLength()), a.BitLength);
        }
    }

    [Fact]
    public void TextAndBytes_Randomized_RoundTrip()
    {
        var g = new BigGen(4);
        for (int i = 0; i < Iterations; i++)
        {
            UInt256 a = g.UInt();
            BigInteger x = B(a);
            Assert.Equal(x.ToString(), a.ToString());
            Assert.Equal(a, UInt256.Parse(x.ToString()));
            Assert.Equal(a, UInt256.Parse(a.ToHexString()));
            Assert.Equal("0x" + (x.IsZero ? "0" : x.ToString("x").TrimStart('0')), a.ToHexString());
            Assert.Equal(a, UInt256.FromBigEndian(a.ToBigEndian()));
            Assert.Equal(a, UInt256.FromBigEndian(a.ToBigEndianTrimmed()));
            Assert.Equal(a.ByteLength, a.ToBigEndianTrimmed().Length);
            Assert.Equal(a, (UInt256)x);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("0x")]
    [InlineData("12a")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")]
    [InlineData("0x10000000000000000000000000000000000000000000000000000000000000000")]
    public void Parse_Invalid_Throws(string s) => Assert.Throws<FormatException>(() => UInt256.Parse(s));

    [Fact]
    public void Parse_Max_Succeeds() =>
        Assert.Equal(UInt256.MaxValue, UInt256.Parse("115792089237316195423570985008687907853269984665640564039457584007913129639935"));

    [Fact]
    public void Conversions_OutOfRange_Throw()
    {
        Assert.Throws<OverflowException>(() => (UInt256)Two256);
        Assert.Throws<OverflowException>(() => (UInt256)BigInteger.MinusOne);
        Assert.Throws<OverflowException>(() => (ulong)new UInt256(0, 1));
        Assert.Equal(ulong.MaxValue, (ulong)new UInt256(ulong.MaxValue));
    }

    [Fact]
    public void Pow_MatchesBigIntegerAndDetectsOverflow()
    {
        Assert.Equal(BigInteger.Pow(10, 77), B(UInt256.Pow(10, 77)));
        Assert.Throws<OverflowException>(() => UInt256.Pow(10, 78));
        Assert.Equal(Two255, B(UInt256.Pow(2, 255)));
        Assert.Throws<OverflowException>(() => UInt256.Pow(2, 256));
        Assert.Equal(UInt256.One, UInt256.Pow(0, 0));
    }
}
