using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Crypto;

/// <summary>A secp256k1 ECDSA signature with its recovery bit (y parity of R).</summary>
public readonly record struct Signature(UInt256 R, UInt256 S, byte YParity)
{
    public const int Size = 65;

    /// <summary>True when s ≤ n/2, the only form Ethereum accepts for transactions since Homestead (EIP-2).</summary>
    public bool IsLowS => S <= Secp256k1.HalfN;

    /// <summary>Legacy transaction v: 27/28 before EIP-155, chainId·2 + 35/36 with it.</summary>
    public UInt256 LegacyV(ulong? chainId) =>
        chainId is { } id ? new UInt256(id) * 2 + (35u + YParity) : 27u + (uint)YParity;

    /// <summary>The 65-byte r ‖ s ‖ v form of eth_sign / personal_sign, with v = 27 + y parity.</summary>
    public byte[] ToBytes()
    {
        var result = new byte[Size];
        R.WriteBigEndian(result);
        S.WriteBigEndian(result.AsSpan(32));
        result[64] = (byte)(27 + YParity);
        return result;
    }

    public string ToHex() => Hex.Encode(ToBytes());

    /// <summary>Reads r ‖ s ‖ v with v in {0, 1, 27, 28}.</summary>
    public static Signature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new FormatException($"a signature is {Size} bytes (r ‖ s ‖ v), got {bytes.Length}");
        byte v = bytes[64];
        byte parity = v switch
        {
            0 or 27 => 0,
            1 or 28 => 1,
            _ => throw new FormatException($"signature v must be 0, 1, 27 or 28, got {v}"),
        };
        return new Signature(UInt256.FromBigEndian(bytes[..32]), UInt256.FromBigEndian(bytes[32..64]), parity);
    }
}
