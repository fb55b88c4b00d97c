using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace CrossMargin.Ethereum.Crypto;

/// <summary>
/// Shared BouncyCastle secp256k1 state. CustomNamedCurves (rather than SecNamedCurves) gives the same curve with
/// BouncyCastle's specialised field arithmetic, several times faster; the comb table for G is built once here
/// so every signing and key derivation is a single precomputed fixed-base multiplication.
/// </summary>
internal static class Secp256k1Curve
{
    public static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");
    public static readonly ECCurve Curve = Parameters.Curve;
    public static readonly ECPoint G = Parameters.G;
    public static readonly BcBigInteger N = Parameters.N;
    public static readonly BcBigInteger HalfN = N.ShiftRight(1);
    public static readonly BcBigInteger P = Curve.Field.Characteristic;

    private static readonly FixedPointCombMultiplier Comb = new();

    static Secp256k1Curve() => FixedPointUtilities.Precompute(G);

    /// <summary>k·G, normalised to affine coordinates.</summary>
    public static ECPoint MultiplyG(BcBigInteger k) => Comb.Multiply(G, k).Normalize();

    public static BcBigInteger ToBc(ReadOnlySpan<byte> bigEndian) => new(1, bigEndian);

    public static void WriteFixed32(BcBigInteger value, Span<byte> destination)
    {
        destination[..32].Clear();
        int len = value.GetLengthofByteArrayUnsigned();
        value.ToByteArrayUnsigned(destination.Slice(32 - len, len));
    }
}
