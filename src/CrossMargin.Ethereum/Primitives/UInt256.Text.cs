using System.Globalization;
using System.Text;

namespace CrossMargin.Ethereum.Primitives;

public readonly partial struct UInt256
{
    private const ulong TenPow19 = 10_000_000_000_000_000_000UL;

    /// <summary>Decimal digits, or hex with a <c>0x</c> prefix (leading zeros allowed, up to 64 digits).</summary>
    public static UInt256 Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var value) ? value : throw new FormatException($"not a UInt256: '{Truncate(s)}'");
    }

    public static bool TryParse(ReadOnlySpan<char> s, out UInt256 value)
    {
        if (s.Length > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
            return TryParseHexDigits(s[2..], out value);
        return TryParseDecimal(s, out value);
    }

    /// <summary>Parses bare hex digits (no prefix), 1 to 64 of them.</summary>
    internal static bool TryParseHexDigits(ReadOnlySpan<char> digits, out UInt256 value)
    {
        value = Zero;
        if (digits.Length is 0 or > 64) return false;
        Span<ulong> limbs = stackalloc ulong[4];
        limbs.Clear();
        for (int i = 0; i < digits.Length; i++)
        {
            int nibble = HexNibble(digits[digits.Length - 1 - i]);
            if (nibble < 0) return false;
            limbs[i / 16] |= (ulong)nibble << (4 * (i % 16));
        }
        value = new UInt256(limbs[0], limbs[1], limbs[2], limbs[3]);
        return true;
    }

    private static bool TryParseDecimal(ReadOnlySpan<char> s, out UInt256 value)
    {
        value = Zero;
        if (s.IsEmpty || s.Length > 78) return false;
        UInt256 acc = Zero;
        int pos = 0;
        while (pos < s.Length)
        {
            int take = Math.Min(19, s.Length - pos);
            ulong chunk = 0, scale = 1;
            for (int i = 0; i < take; i++)
            {
                char c = s[pos + i];
                if (c is < '0' or > '9') return false;
                chunk = chunk * 10 + (ulong)(c - '0');
                scale *= 10;
            }
            if (MulWithOverflow(acc, scale, out acc)) return false;
            if (AddWithOverflow(acc, chunk, out acc)) return false;
            pos += take;
        }
        value = acc;
        return true;
    }

    internal static int HexNibble(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Decimal representation.</summary>
    public override string ToString()
    {
        if (FitsUInt64) return U0.ToString(CultureInfo.InvariantCulture);
        Span<ulong> chunks = stackalloc ulong[5];
        int count = 0;
        UInt256 x = this;
        while (!x.IsZero)
        {
            x = DivRem(x, TenPow19, out var rem);
            chunks[count++] = rem.U0;
        }
        var sb = new StringBuilder(78);
        sb.Append(chunks[count - 1].ToString(CultureInfo.InvariantCulture));
        for (int i = count - 2; i >= 0; i--)
            sb.Append(chunks[i].ToString("D19", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>Minimal lower-case hex with <c>0x</c> prefix, <c>0x0</c> for zero (JSON-RPC QUANTITY form).</summary>
    public string ToHexString()
    {
        if (IsZero) return "0x0";
        Span<byte> buf = stackalloc byte[32];
        WriteBigEndian(buf);
        string hex = Convert.ToHexStringLower(buf[(32 - ByteLength)..]);
        return hex[0] == '0' ? string.Concat("0x", hex.AsSpan(1)) : "0x" + hex;
    }

    internal static string Truncate(string s) => s.Length <= 100 ? s : s[..100] + "…";
}
