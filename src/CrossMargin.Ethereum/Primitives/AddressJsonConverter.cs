using System.Text.Json;
using System.Text.Json.Serialization;

namespace CrossMargin.Ethereum.Primitives;

/// <summary>JSON string form of <see cref="Address"/>: EIP-55 on write, checksum-validated on read.</summary>
public sealed class AddressJsonConverter : JsonConverter<Address>
{
    public override Address Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
            ? Address.Parse(reader.GetString()!)
            : throw new JsonException($"expected an address string, got {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
