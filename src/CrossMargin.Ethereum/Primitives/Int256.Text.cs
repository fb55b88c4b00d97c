namespace CrossMargin.Ethereum.Primitives;

public readonly partial struct Int256
{
    /// <summary>Optional '-' then decimal digits or a <c>0x</c> hex magnitude.</summary>
    public static Int256 Parse(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return TryParse(s, out var value) ? value : throw new FormatException($"not an Int256: '{UInt256.Truncate(s)}'");
    }

    public static bool TryParse(ReadOnlySpan<char> s, out Int256 value)
    {
        value = Zero;
        bool negative = s.Length > 0 && s[0] == '-';
        if (negative) s = s[1..];
        if (!UInt256.TryParse(s, out var mag)) return false;
        UInt256 limit = MinValue._bits;
        if (negative ? mag > limit : mag >= limit) return false;
        value = new Int256(negative ? UInt256.WrappingSub(UInt256.Zero, mag) : mag);
        return true;
    }

    public override string ToString() => IsNegative ? "-" + UnsignedAbs.ToString() : _bits.ToString();
}
