using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossMargin.Ethereum.Primitives;

/// <summary>JSON-RPC QUANTITY form of <see cref="UInt256"/> (strict on read: no leading zeros, "0x0" for zero).</summary>
public sealed class UInt256QuantityJsonConverter : JsonConverter<UInt256>
{
    public override UInt256 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Quantity.DecodeUInt256(reader.GetString()!)
            : throw new JsonException($"expected a QUANTITY string, got {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, UInt256 value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToHexString());
}
