using System.Security.Cryptography;
using CrossMargin.Ethereum.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CrossMargin.Ethereum.Keystore;

/// <summary>The KDF, cipher and MAC of Web3 Secret Storage v3.</summary>
internal static class KeystoreCrypto
{
    // A hostile file must not make us allocate gigabytes or spin for minutes.
    private const long MaxScryptMemory = 1L << 30;
    private const int MaxPbkdf2Iterations = 10_000_000;

    public static byte[] Scrypt(ReadOnlySpan<byte> password, byte[] salt, int n, int r, int p, int dkLen)
    {
        if (n < 2 || (n & (n - 1)) != 0) throw new KeystoreException($"scrypt n must be a power of two > 1, got {n}");
        if (r < 1 || p < 1 || (long)r * p >= 1 << 30) throw new KeystoreException($"scrypt r={r}, p={p} out of range");
        if (128L * n * r > MaxScryptMemory) throw new KeystoreException($"scrypt n={n}, r={r} needs more than {MaxScryptMemory >> 20} MiB");
        return SCrypt.Generate(password.ToArray(), salt, n, r, p, dkLen);
    }

    public static byte[] Pbkdf2Sha256(ReadOnlySpan<byte> password, byte[] salt, int iterations, int dkLen)
    {
        if (iterations < 1 || iterations > MaxPbkdf2Iterations)
            throw new KeystoreException($"pbkdf2 iteration count {iterations} out of range");
        return Rfc2898DeriveBytes.Pbkdf2(password, salt, iterations, HashAlgorithmName.SHA256, dkLen);
    }

    /// <summary>AES-128-CTR; encryption and decryption are the same operation.</summary>
    public static byte[] Aes128Ctr(ReadOnlySpan<byte> key16, byte[] iv, byte[] input)
    {
        if (iv.Length != 16) throw new KeystoreException($"aes-128-ctr iv must be 16 bytes, got {iv.Length}");
        var cipher = CipherUtilities.GetCipher("AES/CTR/NoPadding");
        cipher.Init(false, new ParametersWithIV(new KeyParameter(key16[..16].ToArray()), iv));
        return cipher.DoFinal(input);
    }

    /// <summary>keccak256(derivedKey[16..32] ‖ ciphertext).</summary>
    public static byte[] Mac(ReadOnlySpan<byte> derivedKey, ReadOnlySpan<byte> ciphertext)
    {
        var buf = new byte[16 + ciphertext.Length];
        derivedKey.Slice(16, 16).CopyTo(buf);
        ciphertext.CopyTo(buf.AsSpan(16));
        return Keccak256.Hash(buf);
    }
}
