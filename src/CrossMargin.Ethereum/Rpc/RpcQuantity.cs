using System.Globalization;
using System.Numerics;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// JSON-RPC "quantity" encoding (0x-prefixed, no leading zeros). Kept in this one place so it can be
/// swapped for the shared <c>Quantity</c> helper from Primitives once that lands.
/// </summary>
internal static class RpcQuantity
{
    public static string Format(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    public static string Format(BigInteger value)
    {
        if (value.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(value), "quantities are unsigned");
        if (value.IsZero)
            return "0x0";
        // "x" on a positive BigInteger may emit a leading 0 (sign nibble); quantities must not have one.
        return "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
    }

    public static ulong ParseUInt64(string hex) =>
        ulong.Parse(Digits(hex), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    public static BigInteger ParseBigInteger(string hex)
    {
        var digits = Digits(hex);
        // Leading "0" keeps AllowHexSpecifier from reading a high first nibble as a negative sign.
        return BigInteger.Parse(string.Concat("0", digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    private static ReadOnlySpan<char> Digits(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length < 3 || hex[0] != '0' || (hex[1] != 'x' && hex[1] != 'X'))
            throw new FormatException($"not a hex quantity: '{hex}'");
        return hex.AsSpan(2);
    }
}
