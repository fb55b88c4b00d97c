using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Abi;

public sealed class AbiEncoderTests
{
    [Theory]
    [InlineData("uint8", 256)]
    [InlineData("uint8", -1)]
    [InlineData("int8", 128)]
    [InlineData("int8", -129)]
    public void Encode_RejectsOutOfRangeIntegers(string type, int value) =>
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse(type), value));

    [Fact]
    public void Encode_RejectsUInt256Overflow() =>
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.UInt256, BigInteger.One << 256));

    [Fact]
    public void Encode_IntBoundaries()
    {
        Assert.Equal("0x" + new string('f', 62) + "80", Hex.Encode(AbiEncoder.Encode(AbiType.Int(8), -128)));
        Assert.Equal("0x" + "8" + new string('0', 63), Hex.Encode(AbiEncoder.Encode(AbiType.Int256, -(BigInteger.One << 255))));
        Assert.Equal("0x" + new string('f', 64), Hex.Encode(AbiEncoder.Encode(AbiType.UInt256, (BigInteger.One << 256) - 1)));
    }

    [Theory]
    [InlineData("bytes4", 3)]
    [InlineData("bytes4", 5)]
    [InlineData("address", 19)]
    public void Encode_RejectsWrongByteLengths(string type, int length) =>
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse(type), new byte[length]));

    [Fact]
    public void Encode_RejectsWrongValueShapes()
    {
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint256[2]"), new object[] { 1 }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("(uint256,bool)"), new object[] { 1, 1 }));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Bool, "true"));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode([AbiType.Bool], []));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.String, "\ud800"));
    }

    [Fact]
    public void Encode_AcceptsAddressHexAndTypedLists()
    {
        var encoded = AbiEncoder.Encode(AbiType.Parse("(address,uint64[])"), new object[] { "0x00000000000000000000000000000000000000ff", new List<ulong> { 1, 2 } });
        var decoded = (object[])AbiDecoder.Decode(AbiType.Parse("(address,uint64[])"), encoded);
        Assert.Equal(0xFF, ((Address)decoded[0]).ToArray()[19]);
        Assert.Equal(new object[] { new BigInteger(1), new BigInteger(2) }, (object[])decoded[1]);
    }

    [Fact]
    public void Encode_AddressWithBadChecksum_Throws() =>
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Address, "0x00000000000000000000000000000000000000Ff"));

    [Fact]
    public void Encode_UInt256AndInt256Values_EncodeLikeBigInteger()
    {
        Assert.Equal(AbiEncoder.Encode(AbiType.UInt256, BigInteger.Pow(2, 200)), AbiEncoder.Encode(AbiType.UInt256, (UInt256)BigInteger.Pow(2, 200)));
        Assert.Equal(AbiEncoder.Encode(AbiType.Parse("int64"), -5), AbiEncoder.Encode(AbiType.Parse("int64"), (Int256)(-5L)));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("uint8"), (UInt256)256UL));
        Assert.Throws<AbiException>(() => AbiEncoder.Encode(AbiType.Parse("int8"), (Int256)128L));
    }

    [Fact]
    public void EncodeCall_PrefixesSelector()
    {
        var call = AbiEncoder.EncodeCall(0xa9059cbb, [AbiType.Address, AbiType.UInt256], [new byte[20], 1]);
        Assert.Equal(4 + 64, call.Length);
        Assert.Equal("0xa9059cbb", Hex.Encode(call.AsSpan(0, 4)));
    }

    [Fact]
    public void Packed_MatchesSolidityLayout()
    {
        var packed = AbiPacked.Encode([AbiType.Int(16), AbiType.FixedBytes(1), AbiType.UInt(16), AbiType.String], [-1, new byte[] { 0x42 }, 3, "Hello, world!"]);
        Assert.Equal("0xffff42000348656c6c6f2c20776f726c6421", Hex.Encode(packed));
        Assert.Throws<AbiException>(() => AbiPacked.Encode([AbiType.Parse("(uint256)")], [new object[] { 1 }]));
        Assert.Throws<AbiException>(() => AbiPacked.Encode([AbiType.Parse("string[]")], [new object[] { "a" }]));
    }
}
