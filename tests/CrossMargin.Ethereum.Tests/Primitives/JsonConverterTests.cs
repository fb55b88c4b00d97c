using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Primitives;

public sealed class JsonConverterTests
{
    private sealed record Sample(Address From, Hash32 Hash, UInt256 Value);

    [Fact]
    public void Serialize_Primitives_UseRpcStringForms()
    {
        var sample = new Sample(Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"), Hash32.Keccak([]), 1024);
        string json = JsonSerializer.Serialize(sample);
        Assert.Equal(
            "{\"From\":\"0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed\",\"Hash\":\"0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470\",\"Value\":\"0x400\"}",
            json);
        Assert.Equal(sample, JsonSerializer.Deserialize<Sample>(json));
    }

    [Fact]
    public void Deserialize_NonCanonicalQuantity_Throws() =>
        Assert.ThrowsAny<FormatException>(() => JsonSerializer.Deserialize<UInt256>("\"0x0400\""));
}
