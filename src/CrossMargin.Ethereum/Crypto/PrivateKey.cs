using System.Diagnostics;
using System.Security.Cryptography;
using CrossMargin.Ethereum.Primitives;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace CrossMargin.Ethereum.Crypto;

/// <summary>
/// A secp256k1 private key. <see cref="ToString"/> never reveals the key (only its address), so a key that ends up
/// in a log line or exception message leaks nothing; export the bytes explicitly with <see cref="ExportBytes"/>.
/// </summary>
[DebuggerDisplay("PrivateKey (redacted)")]
public sealed class PrivateKey
{
    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    private readonly byte[] _bytes;

    [DebuggerBrowsable(DebuggerBrowsableState.Never)]
    internal readonly BcBigInteger D;

    private PublicKey? _publicKey;

    public const int Size = 32;

    public PrivateKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
            throw new ArgumentException($"a private key is {Size} bytes, got {bytes.Length}", nameof(bytes));
        var d = Secp256k1Curve.ToBc(bytes);
        if (d.SignValue == 0 || d.CompareTo(Secp256k1Curve.N) >= 0)
            throw new ArgumentException("private key must be in [1, n-1] of secp256k1", nameof(bytes));
        _bytes = bytes.ToArray();
        D = d;
    }

    /// <summary>Parses 0x-prefixed (or bare) 64 hex digits. The error message never echoes the input.</summary>
    public static PrivateKey FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        byte[] bytes;
        try
        {
            bytes = Hex.Decode(hex);
        }
        catch (FormatException)
        {
            throw new FormatException("private key is not valid hex");
        }
        try
        {
            return new PrivateKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>A fresh key from the OS CSPRNG.</summary>
    public static PrivateKey Generate()
    {
        Span<byte> buf = stackalloc byte[Size];
        while (true)
        {
            RandomNumberGenerator.Fill(buf);
            var d = Secp256k1Curve.ToBc(buf);
            if (d.SignValue != 0 && d.CompareTo(Secp256k1Curve.N) < 0)
            {
                var key = new PrivateKey(buf);
                CryptographicOperations.ZeroMemory(buf);
                return key;
            }
        }
    }

    /// <summary>A copy of the 32 secret bytes. Named "Export" so every use stands out in review.</summary>
    public byte[] ExportBytes() => (byte[])_bytes.Clone();

    public PublicKey PublicKey => _publicKey ??= new PublicKey(Secp256k1Curve.MultiplyG(D));

    public Address Address => PublicKey.ToAddress();

    /// <summary>Deterministic (RFC 6979) low-s signature of a 32-byte digest.</summary>
    public Signature Sign(Hash32 digest)
    {
        Span<byte> h = stackalloc byte[Hash32.Size];
        digest.WriteTo(h);
        return Secp256k1.Sign(h, this);
    }

    public override string ToString() => $"PrivateKey(redacted, address {Address})";
}
