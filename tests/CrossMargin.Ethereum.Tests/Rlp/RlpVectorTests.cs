using System.Text.Json;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rlp;
using CrossMargin.Ethereum.Tests.Vectors;

namespace CrossMargin.Ethereum.Tests.Rlp;

public sealed class RlpVectorTests
{
    [Fact]
    public void EncodeAndDecode_AllEthersRlpCases_Match()
    {
        var cases = VectorFiles.LoadEthersCases("rlp.json.gz");
        var failures = new List<string>();
        foreach (var c in cases)
        {
            string name = c.GetProperty("name").GetString()!;
            var decoded = c.GetProperty("decoded");
            string encoded = c.GetProperty("encoded").GetString()!;

            string actualEncoded = Hex.Encode(RlpEncoder.Encode(FromJson(decoded)));
            if (actualEncoded != encoded) failures.Add($"{name}: encode gave {Clip(actualEncoded)}");

            var item = RlpDecoder.Decode(Hex.Decode(encoded));
            if (ToJson(item) != JsonSerializer.Serialize(decoded)) failures.Add($"{name}: decode gave {Clip(ToJson(item))}");
        }
        Assert.Empty(failures);
        Assert.Equal(61, cases.Count);
    }

    private static RlpItem FromJson(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? RlpItem.List(e.EnumerateArray().Select(FromJson))
        : RlpItem.String(Hex.Decode(e.GetString()!));

    private static string ToJson(RlpItem item) => item.IsList
        ? "[" + string.Join(",", item.Items.Select(ToJson)) + "]"
        : JsonSerializer.Serialize(Hex.Encode(item.Bytes));

    private static string Clip(string s) => s.Length > 80 ? s[..80] + "…" : s;
}
