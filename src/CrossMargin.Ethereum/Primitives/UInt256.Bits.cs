namespace CrossMargin.Ethereum.Primitives;

public readonly partial struct UInt256
{
    public static UInt256 operator &(UInt256 a, UInt256 b) => new(a.U0 & b.U0, a.U1 & b.U1, a.U2 & b.U2, a.U3 & b.U3);
    public static UInt256 operator |(UInt256 a, UInt256 b) => new(a.U0 | b.U0, a.U1 | b.U1, a.U2 | b.U2, a.U3 | b.U3);
    public static UInt256 operator ^(UInt256 a, UInt256 b) => new(a.U0 ^ b.U0, a.U1 ^ b.U1, a.U2 ^ b.U2, a.U3 ^ b.U3);
    public static UInt256 operator ~(UInt256 a) => new(~a.U0, ~a.U1, ~a.U2, ~a.U3);

    /// <summary>EVM SHL semantics: bits shifted out are lost, shifts of 256 or more give zero.</summary>
    public static UInt256 operator <<(UInt256 a, int shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (shift >= 256) return Zero;
        ReadOnlySpan<ulong> src = [a.U0, a.U1, a.U2, a.U3];
        Span<ulong> dst = stackalloc ulong[4];
        int limbs = shift / 64, bits = shift % 64;
        for (int i = 3; i >= limbs; i--)
        {
            ulong v = src[i - limbs] << bits;
            if (bits != 0 && i - limbs - 1 >= 0) v |= src[i - limbs - 1] >> (64 - bits);
            dst[i] = v;
        }
        for (int i = 0; i < limbs; i++) dst[i] = 0;
        return new UInt256(dst[0], dst[1], dst[2], dst[3]);
    }

    /// <summary>EVM SHR semantics (logical): shifts of 256 or more give zero.</summary>
    public static UInt256 operator >>(UInt256 a, int shift)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shift);
        if (shift >= 256) return Zero;
        ReadOnlySpan<ulong> src = [a.U0, a.U1, a.U2, a.U3];
        Span<ulong> dst = stackalloc ulong[4];
        int limbs = shift / 64, bits = shift % 64;
        for (int i = 0; i < 4 - limbs; i++)
        {
            ulong v = src[i + limbs] >> bits;
            if (bits != 0 && i + limbs + 1 < 4) v |= src[i + limbs + 1] << (64 - bits);
            dst[i] = v;
        }
        for (int i = 4 - limbs; i < 4; i++) dst[i] = 0;
        return new UInt256(dst[0], dst[1], dst[2], dst[3]);
    }

    public bool IsBitSet(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 255);
        ulong limb = (index / 64) switch { 0 => U0, 1 => U1, 2 => U2, _ => U3 };
        return ((limb >> (index % 64)) & 1) != 0;
    }
}
