using BenchmarkDotNet.Attributes;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Benchmarks;

/// <summary>secp256k1 RFC 6979 recoverable signing of a 32-byte digest (one transaction signature).</summary>
[MemoryDiagnoser]
public class SignBenchmarks
{
    private readonly PrivateKey _key = PrivateKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private readonly Hash32[] _digests = Enumerable.Range(0, 256).Select(i => Hash32.Keccak(BitConverter.GetBytes(i))).ToArray();
    private int _next;

    [Benchmark]
    public Signature Sign() => _key.Sign(_digests[_next++ & 255]);
}
