using System.Numerics;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Primitives;

/// <summary>Seeded generator biased toward edge limbs (0, 1, 2^63, 2^64-1, ...) where carry and Knuth-D bugs hide.</summary>
internal sealed class BigGen(int seed)
{
    public static readonly BigInteger Two256 = BigInteger.One << 256;
    public static readonly BigInteger Two255 = BigInteger.One << 255;

    private static readonly ulong[] EdgeLimbs = [0, 1, 2, 0x7fff_ffff_ffff_ffff, 0x8000_0000_0000_0000, ulong.MaxValue, ulong.MaxValue - 1];
    private readonly Random _rng = new(seed);

    public int Next(int max) => _rng.Next(max);

    public ulong Limb() => _rng.Next(3) == 0 ? EdgeLimbs[_rng.Next(EdgeLimbs.Length)] : (ulong)_rng.NextInt64() ^ ((ulong)_rng.Next(2) << 63);

    /// <summary>Random magnitude: a random number of significant limbs, each edge-biased.</summary>
    public UInt256 UInt()
    {
        int limbs = _rng.Next(5);
        Span<ulong> l = stackalloc ulong[4];
        for (int i = 0; i < 4; i++) l[i] = i < limbs ? Limb() : 0;
        var v = new UInt256(l[0], l[1], l[2], l[3]);
        return _rng.Next(8) == 0 ? v >> _rng.Next(256) : v;
    }

    public Int256 Int() => Int256.FromBits(UInt());

    public static BigInteger B(UInt256 v) => v;
    public static BigInteger B(Int256 v) => v;
}
