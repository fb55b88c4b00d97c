using System.Globalization;
using System.Numerics;
using System.Text;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Cli.Wallet;

/// <summary>
/// Human decimals ↔ integer units, exactly: "1.5" with 18 decimals is 1500000000000000000, and "1.0000001" with 6
/// decimals is refused rather than rounded (a wallet must never send a different amount than the one typed).
/// </summary>
internal static class Units
{
    /// <summary>A signed decimal ("-0.5", "+2", "1800.25") scaled by 10^decimals; <paramref name="what"/> names the input in errors.</summary>
    public static BigInteger ParseSigned(string text, int decimals, string what)
    {
        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+'))
            s = s[1..];
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? s : s[..dot];
        var fraction = dot < 0 ? "" : s[(dot + 1)..];
        if ((whole.Length == 0 && fraction.Length == 0) || !whole.All(char.IsAsciiDigit) || !fraction.All(char.IsAsciiDigit) || (dot >= 0 && fraction.Length == 0))
            throw new WalletException($"bad {what} '{text}': expected a decimal number such as 1.5");
        var significant = fraction.TrimEnd('0');
        if (significant.Length > decimals)
            throw new WalletException($"bad {what} '{text}': at most {decimals} decimal places are allowed");
        var digits = (whole.Length == 0 ? "0" : whole) + significant.PadRight(decimals, '0');
        var value = BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        return negative ? -value : value;
    }

    /// <summary>A strictly positive amount.</summary>
    public static UInt256 ParseAmount(string text, int decimals, string what)
    {
        var value = ParseSigned(text, decimals, what);
        if (value.Sign <= 0 || text.TrimStart().StartsWith('+'))
            throw new WalletException($"bad {what} '{text}': must be a positive number without a sign");
        if (value >= BigInteger.One << 256)
            throw new WalletException($"bad {what} '{text}': too large");
        return (UInt256)value;
    }

    /// <summary>A non-zero signed size in WAD base units ("-0.5" → −5e17).</summary>
    public static Int256 ParseSize(string text, string what)
    {
        var value = ParseSigned(text, 18, what);
        if (value.IsZero)
            throw new WalletException($"bad {what} '{text}': must not be zero");
        if (BigInteger.Abs(value) >= BigInteger.One << 127)
            throw new WalletException($"bad {what} '{text}': too large");
        return (Int256)value;
    }

    /// <summary>Exact decimal text of <paramref name="units"/> / 10^decimals, trailing zeros dropped, thousands grouped.</summary>
    public static string Format(BigInteger units, int decimals) => Format(units, decimals, decimals);

    /// <summary>As <see cref="Format(BigInteger,int)"/> but truncated toward zero to <paramref name="maxPlaces"/> places (display only).</summary>
    public static string Format(BigInteger units, int decimals, int maxPlaces)
    {
        var negative = units.Sign < 0;
        var digits = BigInteger.Abs(units).ToString(CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var whole = digits[..^decimals];
        var fraction = digits[^decimals..][..Math.Min(decimals, maxPlaces)].TrimEnd('0');
        var sb = new StringBuilder();
        if (negative)
            sb.Append('-');
        for (var i = 0; i < whole.Length; i++)
        {
            if (i > 0 && (whole.Length - i) % 3 == 0)
                sb.Append(',');
            sb.Append(whole[i]);
        }
        if (fraction.Length > 0)
            sb.Append('.').Append(fraction);
        return sb.ToString();
    }

    /// <summary>A WAD USD value in whole cents, rounded up (ceiling) or down (floor).</summary>
    public static BigInteger Cents(BigInteger wad, bool up)
    {
        var unit = BigInteger.Pow(10, 16);
        var q = BigInteger.DivRem(wad, unit, out var r);
        return r.IsZero ? q : up && r.Sign > 0 ? q + 1 : !up && r.Sign < 0 ? q - 1 : q;
    }

    public static string UsdCents(BigInteger cents) => Format(cents, 2) + " USD";

    /// <summary>A WAD USD value for display: 2 decimal places, truncated toward zero.</summary>
    public static string Usd(BigInteger wad) => Format(wad, 18, 2) + " USD";
}
