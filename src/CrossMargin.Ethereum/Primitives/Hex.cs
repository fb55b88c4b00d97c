namespace CrossMargin.Ethereum.Primitives;

/// <summary>0x-prefixed hex for byte strings (lower case out, either case in).</summary>
public static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => "0x" + Convert.ToHexStringLower(bytes);

    public static byte[] Decode(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        var digits = hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex.AsSpan(2) : hex.AsSpan();
        if (digits.Length % 2 != 0)
            throw new FormatException($"hex string has an odd number of digits: '{hex}'");
        return Convert.FromHexString(digits);
    }
}
