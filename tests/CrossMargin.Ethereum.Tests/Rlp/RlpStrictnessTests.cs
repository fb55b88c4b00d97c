using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rlp;

namespace CrossMargin.Ethereum.Tests.Rlp;

public sealed class RlpStrictnessTests
{
    [Theory]
    [InlineData("0x8100", "single byte")] // 0x00 must be encoded as itself
    [InlineData("0x817f", "single byte")]
    [InlineData("0xb80100", "short form")] // 1-byte string in long form
    [InlineData("0xb83701" + "0101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101", "short form")] // 55 bytes in long form
    [InlineData("0xf80100", "short form")] // 1-byte list payload in long form
    [InlineData("0xb9003801", "leading zero")] // length with a leading zero byte
    [InlineData("0xf9003801", "leading zero")]
    public void Decode_NonCanonical_Throws(string hex, string reason)
    {
        var ex = Assert.Throws<RlpException>(() => RlpDecoder.Decode(Hex.Decode(hex)));
        Assert.Contains(reason, ex.Message);
    }

    [Theory]
    [InlineData("0x", "empty")]
    [InlineData("0x83aabb", "truncated")]
    [InlineData("0xb8", "truncated")]
    [InlineData("0xb838aa", "truncated")]
    [InlineData("0xc3aabb", "truncated")]
    [InlineData("0xc2838081", "truncated")] // inner string overruns its enclosing list
    [InlineData("0x8080", "trailing")]
    [InlineData("0xc0c0", "trailing")]
    public void Decode_TruncatedOrTrailing_Throws(string hex, string reason)
    {
        var ex = Assert.Throws<RlpException>(() => RlpDecoder.Decode(Hex.Decode(hex)));
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Decode_HostileNesting_ThrowsInsteadOfOverflowingStack()
    {
        var item = RlpItem.EmptyList;
        for (int i = 0; i < RlpDecoder.MaxDepth + 5; i++) item = RlpItem.List(item);
        var bytes = RlpEncoder.Encode(item);
        var ex = Assert.Throws<RlpException>(() => RlpDecoder.Decode(bytes));
        Assert.Contains("nested", ex.Message);
    }

    [Theory]
    [InlineData("0x00", "leading zero")]
    [InlineData("0x0001", "leading zero")]
    public void AsUInt256_NonCanonicalInteger_Throws(string hex, string reason)
    {
        var item = RlpDecoder.Decode(RlpEncoder.EncodeString(Hex.Decode(hex)));
        var ex = Assert.Throws<RlpException>(() => item.AsUInt256());
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void UInt_RoundTrips_Canonically()
    {
        var g = new Primitives.BigGen(5);
        for (int i = 0; i < 2000; i++)
        {
            var v = g.UInt();
            var encoded = RlpEncoder.Encode(RlpItem.UInt(v));
            Assert.Equal(v, RlpDecoder.Decode(encoded).AsUInt256());
        }
        Assert.Equal("0x80", Hex.Encode(RlpEncoder.Encode(RlpItem.UInt(0))));
        Assert.Equal("0x7f", Hex.Encode(RlpEncoder.Encode(RlpItem.UInt(127))));
        Assert.Equal("0x8180", Hex.Encode(RlpEncoder.Encode(RlpItem.UInt(128))));
        Assert.Equal("0x820400", Hex.Encode(RlpEncoder.Encode(RlpItem.UInt(1024))));
    }
}
