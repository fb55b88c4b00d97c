using System.Globalization;
using System.Numerics;
using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Abi;

/// <summary>Canonical text of codec values and of the vectors' "verbose" form, so both can be compared as strings.</summary>
internal static class AbiValueText
{
    public static string Of(object? value) => value switch
    {
        BigInteger b => b.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => Hex.Encode(bytes),
        Address a => a.ToLowerHex(),
        string s => JsonSerializer.Serialize(s),
        object[] items => "[" + string.Join(",", items.Select(Of)) + "]",
        _ => throw new ArgumentException($"unexpected value {value?.GetType().Name ?? "null"}"),
    };

    /// <summary>Builds the codec value for a vector's verbose {type, value} node.</summary>
    public static object FromVerbose(JsonElement node)
    {
        var value = node.GetProperty("value");
        return node.GetProperty("type").GetString() switch
        {
            "number" => BigInteger.Parse(value.GetString()!, CultureInfo.InvariantCulture),
            "hexstring" or "address" => Hex.Decode(value.GetString()!),
            "string" => value.GetString()!,
            "boolean" => value.GetBoolean(),
            "array" or "object" => value.EnumerateArray().Select(FromVerbose).ToArray(),
            var other => throw new ArgumentException($"unknown verbose type {other}"),
        };
    }
}
