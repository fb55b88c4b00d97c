using System.Text.Json;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Tests.Vectors;

namespace CrossMargin.Ethereum.Tests.Abi;

/// <summary>All ethers abi.json cases: encode value → expected bytes, and decode bytes → value.</summary>
public sealed class AbiVectorTests
{
    private static readonly Lazy<JsonElement[]> Cases = new(() => VectorFiles.LoadEthersCases("abi.json.gz").ToArray());

    public static TheoryData<int> Indices() => VectorFiles.CaseIndices("abi.json.gz");

    [Fact]
    public void VectorFile_HasAllCases() => Assert.Equal(1024, Cases.Value.Length);

    [Theory]
    [MemberData(nameof(Indices))]
    public void Encode_MatchesVector(int index)
    {
        var c = Cases.Value[index];
        var type = AbiType.Parse(c.GetProperty("type").GetString()!);
        var value = AbiValueText.FromVerbose(c.GetProperty("verbose"));
        Assert.Equal(c.GetProperty("encoded").GetString(), Hex.Encode(AbiEncoder.Encode(type, value)));
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void Decode_MatchesVector(int index)
    {
        var c = Cases.Value[index];
        var type = AbiType.Parse(c.GetProperty("type").GetString()!);
        var decoded = AbiDecoder.Decode(type, Hex.Decode(c.GetProperty("encoded").GetString()!));
        var expected = AbiValueText.FromVerbose(c.GetProperty("verbose"));
        Assert.Equal(AbiValueText.Of(expected), AbiValueText.Of(decoded));
    }

    [Theory]
    [MemberData(nameof(Indices))]
    public void TypeParse_CanonicalNameRoundTrips(int index)
    {
        var type = AbiType.Parse(Cases.Value[index].GetProperty("type").GetString()!);
        Assert.Equal(type, AbiType.Parse(type.CanonicalName));
        // The uint/int aliases must be expanded in canonical names (they feed selectors).
        Assert.DoesNotMatch(@"(^|[^a-z])u?int($|[^0-9])", type.CanonicalName);
    }
}
