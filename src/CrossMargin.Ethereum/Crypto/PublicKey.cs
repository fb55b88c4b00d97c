using CrossMargin.Ethereum.Primitives;
using Org.BouncyCastle.Math.EC;

namespace CrossMargin.Ethereum.Crypto;

/// <summary>A secp256k1 public key (validated curve point).</summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    private readonly byte[] _xy; // 64 bytes: x ‖ y

    internal PublicKey(ECPoint normalizedPoint)
    {
        _xy = new byte[64];
        Secp256k1Curve.WriteFixed32(normalizedPoint.AffineXCoord.ToBigInteger(), _xy);
        Secp256k1Curve.WriteFixed32(normalizedPoint.AffineYCoord.ToBigInteger(), _xy.AsSpan(32));
    }

    /// <summary>Accepts 33-byte compressed, 65-byte uncompressed (0x04 prefix) or 64-byte raw x ‖ y.</summary>
    public static PublicKey FromBytes(ReadOnlySpan<byte> bytes)
    {
        byte[] encoded = bytes.Length == 64 ? [0x04, .. bytes] : bytes.ToArray();
        ECPoint point;
        try
        {
            point = Secp256k1Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException("bytes are not a valid secp256k1 public key", ex);
        }
        if (point.IsInfinity)
            throw new FormatException("the point at infinity is not a public key");
        return new PublicKey(point.Normalize());
    }

    /// <summary>65 bytes: 0x04 ‖ x ‖ y.</summary>
    public byte[] ToUncompressed() => [0x04, .. _xy];

    /// <summary>33 bytes: 0x02/0x03 (y parity) ‖ x.</summary>
    public byte[] ToCompressed() => [(byte)(0x02 | (_xy[63] & 1)), .. _xy.AsSpan(0, 32)];

    /// <summary>The account address: the last 20 bytes of keccak256(x ‖ y).</summary>
    public Address ToAddress()
    {
        Span<byte> hash = stackalloc byte[Keccak256.Size];
        Keccak256.Hash(_xy, hash);
        return new Address(hash[12..]);
    }

    public bool Equals(PublicKey? other) => other is not null && _xy.AsSpan().SequenceEqual(other._xy);
    public override bool Equals(object? obj) => Equals(obj as PublicKey);
    public override int GetHashCode() => BitConverter.ToInt32(_xy, 0);
    public override string ToString() => Hex.Encode(ToUncompressed());
}
