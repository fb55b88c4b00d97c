using System;

namespace CrossMargin.Ethereum.Generators;

/// <summary>
/// Minimal Keccak-256 so selectors and topics can be emitted as compile-time constants; the generator
/// cannot load BouncyCastle. Generator tests cross-check its output against the runtime implementation.
/// </summary>
internal static class Keccak256
{
    private const int Rate = 136;

    private static readonly ulong[] RoundConstants =
    {
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808aUL, 0x8000000080008000UL,
        0x000000000000808bUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008aUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000aUL,
        0x000000008000808bUL, 0x800000000000008bUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800aUL, 0x800000008000000aUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    };

    private static readonly int[] Rotations = { 1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44 };
    private static readonly int[] Lanes = { 10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1 };

    public static byte[] Hash(byte[] input)
    {
        // Original Keccak padding (0x01 ... 0x80), not NIST SHA-3's 0x06.
        var padded = new byte[(input.Length / Rate + 1) * Rate];
        Array.Copy(input, padded, input.Length);
        padded[input.Length] ^= 0x01;
        padded[padded.Length - 1] ^= 0x80;

        var state = new ulong[25];
        for (var block = 0; block < padded.Length; block += Rate)
        {
            for (var i = 0; i < Rate / 8; i++)
                state[i] ^= BitConverter.ToUInt64(padded, block + i * 8);
            Permute(state);
        }
        var output = new byte[32];
        for (var i = 0; i < 4; i++)
            Array.Copy(BitConverter.GetBytes(state[i]), 0, output, i * 8, 8);
        return output;
    }

    private static void Permute(ulong[] a)
    {
        var c = new ulong[5];
        for (var round = 0; round < 24; round++)
        {
            for (var x = 0; x < 5; x++)
                c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
            for (var x = 0; x < 5; x++)
            {
                var d = c[(x + 4) % 5] ^ Rotl(c[(x + 1) % 5], 1);
                for (var y = 0; y < 25; y += 5)
                    a[y + x] ^= d;
            }
            var current = a[1];
            for (var i = 0; i < 24; i++)
            {
                var j = Lanes[i];
                var next = a[j];
                a[j] = Rotl(current, Rotations[i]);
                current = next;
            }
            for (var y = 0; y < 25; y += 5)
            {
                for (var x = 0; x < 5; x++)
                    c[x] = a[y + x];
                for (var x = 0; x < 5; x++)
                    a[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
            }
            a[0] ^= RoundConstants[round];
        }
    }

    private static ulong Rotl(ulong v, int n) => (v << n) | (v >> (64 - n));
}
