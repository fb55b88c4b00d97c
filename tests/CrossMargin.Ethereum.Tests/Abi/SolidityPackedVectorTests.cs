using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Tests.Vectors;

namespace CrossMargin.Ethereum.Tests.Abi;

/// <summary>All ethers solidity-hashes.json cases: keccak256(abi.encodePacked(values)).</summary>
public sealed class SolidityPackedVectorTests
{
    private static readonly Lazy<JsonElement[]> Cases = new(() => VectorFiles.LoadEthersCases("solidity-hashes.json.gz").ToArray());

    public static TheoryData<int> Indices() => VectorFiles.CaseIndices("solidity-hashes.json.gz");

    [Fact]
    public void VectorFile_HasCases() => Assert.Equal(2016, Cases.Value.Length);

    [Theory]
    [MemberData(nameof(Indices))]
    public void PackedKeccak_MatchesVector(int index)
    {
        var c = Cases.Value[index];
        var types = c.GetProperty("types").EnumerateArray().Select(t => AbiType.Parse(t.GetString()!)).ToArray();
        var values = c.GetProperty("values").EnumerateArray().Zip(types, (v, t) => (object?)ToValue(t, v)).ToArray();
        Assert.Equal(c.GetProperty("keccak256").GetString(), Hex.Encode(AbiPacked.Keccak256(types, values)));
    }

    // Numbers in this file are (optionally negative) 0x-hex strings; bytes are hex; strings are raw.
    private static object ToValue(AbiType type, JsonElement v) => type.Kind switch
    {
        AbiTypeKind.UInt or AbiTypeKind.Int => ParseHexNumber(v.GetString()!),
        AbiTypeKind.Bool => v.GetBoolean(),
        AbiTypeKind.String => v.GetString()!,
        AbiTypeKind.FixedArray or AbiTypeKind.DynamicArray => v.EnumerateArray().Select(e => ToValue(type.ElementType!, e)).ToArray(),
        _ => Hex.Decode(v.GetString()!),
    };

    private static BigInteger ParseHexNumber(string text)
    {
        var negative = text.StartsWith('-');
        var digits = (negative ? text[1..] : text)[2..];
        var magnitude = BigInteger.Parse("0" + digits, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return negative ? -magnitude : magnitude;
    }
}
