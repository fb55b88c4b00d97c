using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Abi;

/// <summary>Malformed or non-canonical encodings must be rejected, never silently accepted.</summary>
public sealed class AbiStrictDecodingTests
{
    private static byte[] Word(string hex) => Hex.Decode(hex.PadLeft(64, '0'));

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    [Theory]
    [InlineData("uint8", "100")]
    [InlineData("uint248", "01" + "00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("int8", "80")]      // 128 is not an int8
    [InlineData("int8", "ff7f")]    // bad sign extension
    [InlineData("int16", "ffff0000")]
    [InlineData("bool", "02")]
    [InlineData("bool", "0100")]
    [InlineData("address", "010000000000000000000000000000000000000000")]
    public void Decode_RejectsOutOfRangeWords(string type, string hex) =>
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Parse(type), Word(hex)));

    [Fact]
    public void Decode_RejectsNonZeroBytesNPadding()
    {
        var word = new byte[32];
        word[0] = 0xAA;
        word[5] = 1;
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.FixedBytes(4), word));
        Assert.Equal([0xAA, 0, 0, 0, 0, 1], (byte[])AbiDecoder.Decode(AbiType.FixedBytes(6), word));
    }

    [Theory]
    [InlineData("ff80", -128)]
    [InlineData("7f", 127)]
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", -1)]
    public void Decode_AcceptsSignExtendedInt8(string hex, int expected)
    {
        var word = hex.Length == 64 ? Hex.Decode(hex) : Hex.Decode(hex.PadLeft(64, hex[0] == 'f' ? 'f' : '0'));
        Assert.Equal(new BigInteger(expected), AbiDecoder.Decode(AbiType.Int(8), word));
    }

    [Fact]
    public void Decode_RejectsTruncatedWord() =>
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.UInt256, new byte[31]));

    [Fact]
    public void Decode_RejectsOffsetOutOfBounds() =>
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Bytes, Word("40")));

    [Fact]
    public void Decode_RejectsHugeOffsetWithoutOverflow() =>
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.String, Hex.Decode(new string('f', 64))));

    [Fact]
    public void Decode_RejectsLengthBeyondData() =>
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Bytes, Concat(Word("20"), Word("21"), new byte[32])));

    [Fact]
    public void Decode_RejectsMissingPadding() =>
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Bytes, Concat(Word("20"), Word("03"), [1, 2, 3])));

    [Fact]
    public void Decode_RejectsArrayLengthThatWouldOverflow()
    {
        var data = Concat(Word("20"), Hex.Decode("00000000000000000000000000000000000000000000000008000000000000000"[..64]));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Parse("uint256[]"), data));
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(AbiType.Parse("uint256[]"), Concat(Word("20"), Word("03"), new byte[64])));
    }

    [Fact]
    public void Decode_AcceptsTrailingBytesLikeSolidity() =>
        Assert.Equal(new BigInteger(7), AbiDecoder.Decode(AbiType.UInt256, Concat(Word("07"), new byte[5])));

    [Fact]
    public void Decode_DynamicArrayOfStrings()
    {
        var type = AbiType.Parse("string[]");
        var encoded = AbiEncoder.Encode(type, new object[] { "a", "hello" });
        Assert.Equal(new object[] { "a", "hello" }, (object[])AbiDecoder.Decode(type, encoded));
        // Corrupt the inner offset of element 1 so it points past the end.
        encoded[32 * 3 + 31] = 0xF0;
        Assert.Throws<AbiException>(() => AbiDecoder.Decode(type, encoded));
    }
}
