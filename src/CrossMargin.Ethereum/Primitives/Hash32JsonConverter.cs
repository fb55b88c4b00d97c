using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossMargin.Ethereum.Primitives;

/// <summary>JSON string form of <see cref="Hash32"/>: 0x + 64 hex digits.</summary>
public sealed class Hash32JsonConverter : JsonConverter<Hash32>
{
    public override Hash32 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Hash32.Parse(reader.GetString()!)
            : throw new JsonException($"expected a hash string, got {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, Hash32 value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
