using Org.BouncyCastle.Crypto.Digests;

namespace CrossMargin.Ethereum.Crypto;

/// <summary>Keccak-256 as Ethereum uses it (original Keccak padding, not NIST SHA3-256).</summary>
public static class Keccak256
{
    public const int Size = 32;

    public static byte[] Hash(ReadOnlySpan<byte> data)
    {
        var output = new byte[Size];
        Hash(data, output);
        return output;
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> output)
    {
        var digest = new KeccakDigest(256);
        digest.BlockUpdate(data);
        digest.DoFinal(output);
    }
}
