using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Primitives;

public sealed class QuantityTests
{
    [Theory]
    [InlineData(0UL, "0x0")]
    [InlineData(1UL, "0x1")]
    [InlineData(65UL, "0x41")]
    [InlineData(1024UL, "0x400")]
    [InlineData(ulong.MaxValue, "0xffffffffffffffff")]
    public void Encode_UsesMinimalHex(ulong value, string expected)
    {
        Assert.Equal(expected, Quantity.Encode(value));
        Assert.Equal(expected, Quantity.Encode(new UInt256(value)));
        Assert.Equal(value, Quantity.DecodeUInt64(expected));
        Assert.Equal(new UInt256(value), Quantity.DecodeUInt256(expected));
    }

    [Theory]
    [InlineData("0x")]
    [InlineData("0x0400")]
    [InlineData("0x00")]
    [InlineData("ff")]
    [InlineData("0xg")]
    [InlineData("0x10000000000000000")]
    public void DecodeUInt64_InvalidQuantity_Throws(string s) => Assert.Throws<FormatException>(() => Quantity.DecodeUInt64(s));

    [Fact]
    public void DecodeUInt256_TooLong_Throws() =>
        Assert.Throws<FormatException>(() => Quantity.DecodeUInt256("0x1" + new string('0', 64)));

    [Theory]
    [InlineData("0x", new byte[0])]
    [InlineData("0x0041", new byte[] { 0, 0x41 })]
    [InlineData("0x004200", new byte[] { 0, 0x42, 0 })]
    public void DecodeData_EvenLength_Decodes(string s, byte[] expected)
    {
        Assert.Equal(expected, Quantity.DecodeData(s));
        Assert.Equal(s, Quantity.EncodeData(expected));
    }

    [Theory]
    [InlineData("0xf0f0f")]
    [InlineData("004200")]
    [InlineData("0xzz")]
    public void DecodeData_Invalid_Throws(string s) => Assert.Throws<FormatException>(() => Quantity.DecodeData(s));
}
