namespace CrossMargin.Ethereum.Primitives;

/// <summary>
/// JSON-RPC hex encoding rules. QUANTITY: <c>0x</c> + minimal hex, no leading zeros, <c>0x0</c> for zero.
/// DATA: <c>0x</c> + an even number of hex digits (<c>0x</c> alone is empty data).
/// Decoders are strict so malformed node responses are caught rather than silently accepted.
/// </summary>
public static class Quantity
{
    public static string Encode(ulong value) => "0x" + value.ToString("x", System.Globalization.CultureInfo.InvariantCulture);

    public static string Encode(UInt256 value) => value.ToHexString();

    public static UInt256 DecodeUInt256(string s)
    {
        var digits = QuantityDigits(s);
        if (digits.Length > 64 || !UInt256.TryParseHexDigits(digits, out var value))
            throw new FormatException($"QUANTITY out of range or not hex: '{UInt256.Truncate(s)}'");
        return value;
    }

    public static ulong DecodeUInt64(string s)
    {
        var digits = QuantityDigits(s);
        if (digits.Length > 16 || !UInt256.TryParseHexDigits(digits, out var value))
            throw new FormatException($"QUANTITY out of UInt64 range or not hex: '{UInt256.Truncate(s)}'");
        return (ulong)value;
    }

    public static string EncodeData(ReadOnlySpan<byte> data) => Hex.Encode(data);

    public static byte[] DecodeData(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!s.StartsWith("0x", StringComparison.Ordinal))
            throw new FormatException($"DATA must start with '0x': '{UInt256.Truncate(s)}'");
        if (s.Length % 2 != 0)
            throw new FormatException($"DATA must have an even number of hex digits: '{UInt256.Truncate(s)}'");
        try
        {
            return Convert.FromHexString(s.AsSpan(2));
        }
        catch (FormatException)
        {
            throw new FormatException($"DATA has non-hex characters: '{UInt256.Truncate(s)}'");
        }
    }

    private static ReadOnlySpan<char> QuantityDigits(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!s.StartsWith("0x", StringComparison.Ordinal) || s.Length == 2)
            throw new FormatException($"QUANTITY must be '0x' followed by at least one hex digit: '{UInt256.Truncate(s)}'");
        if (s.Length > 3 && s[2] == '0')
            throw new FormatException($"QUANTITY must not have leading zeros: '{UInt256.Truncate(s)}'");
        return s.AsSpan(2);
    }
}
