using BenchmarkDotNet.Attributes;
using CrossMargin.Ethereum.Crypto;
using Nethereum.Util;

namespace CrossMargin.Benchmarks.Versus;

/// <summary>Keccak-256 of a 64-byte input (a mapping slot) and a 1 KiB input: ours vs Nethereum's <c>Sha3Keccack</c>.</summary>
[MemoryDiagnoser]
public class KeccakVersusBenchmarks
{
    private byte[] _input = [];

    [Params(64, 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup() => _input = Enumerable.Range(0, Bytes).Select(i => (byte)i).ToArray();

    [Benchmark(Baseline = true)]
    public byte[] Ours() => Keccak256.Hash(_input);

    [Benchmark]
    public byte[] Nethereum() => Sha3Keccack.Current.CalculateHash(_input);
}
