using CryptographicException = System.Security.Cryptography.CryptographicException;
using CrossMargin.Ethereum.Primitives;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Utilities;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace CrossMargin.Ethereum.Crypto;

/// <summary>secp256k1 ECDSA as Ethereum uses it: RFC 6979 nonces, low-s, recoverable signatures.</summary>
public static class Secp256k1
{
    /// <summary>Group order n.</summary>
    public static readonly UInt256 N = UInt256.Parse("0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141");

    /// <summary>n / 2, the largest s accepted for transactions (EIP-2).</summary>
    public static readonly UInt256 HalfN = N >> 1;

    /// <summary>Signs a 32-byte digest: deterministic k (RFC 6979, HMAC-SHA256), s normalised to the low half.</summary>
    public static Signature Sign(ReadOnlySpan<byte> digest, PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (digest.Length != 32)
            throw new ArgumentException($"digest must be 32 bytes, got {digest.Length}", nameof(digest));

        var n = Secp256k1Curve.N;
        var e = Secp256k1Curve.ToBc(digest);
        var kCalc = new HMacDsaKCalculator(new Sha256Digest());
        kCalc.Init(n, key.D, digest.ToArray());
        while (true)
        {
            var k = kCalc.NextK();
            // Computing R ourselves (not via ECDsaSigner) yields the recovery id for free instead of
            // costing up to two extra public-key recoveries per signature.
            ECPoint rPoint = Secp256k1Curve.MultiplyG(k);
            var rx = rPoint.AffineXCoord.ToBigInteger();
            var r = rx.Mod(n);
            if (r.SignValue == 0) continue;
            var s = BigIntegers.ModOddInverse(n, k).Multiply(e.Add(key.D.Multiply(r))).Mod(n);
            if (s.SignValue == 0) continue;

            int recId = rPoint.AffineYCoord.TestBitZero() ? 1 : 0;
            if (rx.CompareTo(n) >= 0) recId |= 2;
            if (s.CompareTo(Secp256k1Curve.HalfN) > 0)
            {
                s = n.Subtract(s);
                recId ^= 1;
            }
            // R.x >= n happens with probability ~2^-128; Ethereum's single parity bit cannot express it.
            if (recId > 1) continue;
            return new Signature(ToUInt256(r), ToUInt256(s), (byte)recId);
        }
    }

    /// <summary>Recovers the signer's public key; throws <see cref="CryptographicException"/> for an invalid signature.</summary>
    public static PublicKey RecoverPublicKey(ReadOnlySpan<byte> digest, Signature signature) =>
        TryRecoverPublicKey(digest, signature, out var key) ? key : throw new CryptographicException("signature is invalid: no public key recovers from it");

    public static Address RecoverAddress(ReadOnlySpan<byte> digest, Signature signature) =>
        RecoverPublicKey(digest, signature).ToAddress();

    public static Address RecoverAddress(Hash32 digest, Signature signature)
    {
        Span<byte> h = stackalloc byte[Hash32.Size];
        digest.WriteTo(h);
        return RecoverAddress(h, signature);
    }

    public static bool TryRecoverPublicKey(ReadOnlySpan<byte> digest, Signature signature, out PublicKey publicKey)
    {
        publicKey = null!;
        if (digest.Length != 32 || signature.YParity > 1) return false;
        if (signature.R.IsZero || signature.R >= N || signature.S.IsZero || signature.S >= N) return false;

        var n = Secp256k1Curve.N;
        var r = ToBc(signature.R);
        Span<byte> encoded = stackalloc byte[33];
        encoded[0] = (byte)(0x02 | signature.YParity);
        signature.R.WriteBigEndian(encoded[1..]);
        ECPoint rPoint;
        try
        {
            rPoint = Secp256k1Curve.Curve.DecodePoint(encoded.ToArray());
        }
        catch (ArgumentException)
        {
            return false; // r is not the x-coordinate of a curve point
        }

        var rInv = BigIntegers.ModOddInverse(n, r);
        var e = Secp256k1Curve.ToBc(digest);
        var u1 = n.Subtract(e).Multiply(rInv).Mod(n);
        var u2 = ToBc(signature.S).Multiply(rInv).Mod(n);
        var q = ECAlgorithms.SumOfTwoMultiplies(Secp256k1Curve.G, u1, rPoint, u2).Normalize();
        if (q.IsInfinity) return false;
        publicKey = new PublicKey(q);
        return true;
    }

    /// <summary>True when <paramref name="signature"/> over <paramref name="digest"/> recovers to <paramref name="expected"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> digest, Signature signature, Address expected) =>
        TryRecoverPublicKey(digest, signature, out var key) && key.ToAddress() == expected;

    private static UInt256 ToUInt256(BcBigInteger v)
    {
        Span<byte> buf = stackalloc byte[32];
        Secp256k1Curve.WriteFixed32(v, buf);
        return UInt256.FromBigEndian(buf);
    }

    private static BcBigInteger ToBc(UInt256 v)
    {
        Span<byte> buf = stackalloc byte[32];
        v.WriteBigEndian(buf);
        return Secp256k1Curve.ToBc(buf);
    }
}
