using System.Numerics;
using BenchmarkDotNet.Attributes;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Transactions;
using Nethereum.Model;
using Nethereum.Signer;

namespace CrossMargin.Benchmarks.Versus;

/// <summary>
/// One EIP-1559 transaction (a 68-byte ERC-20 transfer call) built, signed and RLP-encoded to its raw bytes:
/// ours (BouncyCastle with a precomputed comb table) vs Nethereum's <c>Transaction1559Signer</c>.
/// </summary>
[MemoryDiagnoser]
public class TxSignVersusBenchmarks
{
    private const string KeyHex = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
    private static readonly byte[] CallData = Hex.Decode("0xa9059cbb000000000000000000000000" + "70997970c51812dc3a010c7d01b50e0d17dc79c8" + "00000000000000000000000000000000000000000000000000000000000f4240");
    private readonly PrivateKey _key = PrivateKey.FromHex(KeyHex);
    private readonly byte[] _keyBytes = Hex.Decode(KeyHex);
    private readonly EthECKey _ethKey = new(KeyHex);
    private readonly Transaction1559Signer _signer = new();
    private ulong _nonce;

    [Benchmark(Baseline = true)]
    public byte[] Ours() => new Eip1559Transaction
    {
        ChainId = 31337,
        Nonce = _nonce++,
        MaxPriorityFeePerGas = (UInt256)1_000_000_000UL,
        MaxFeePerGas = (UInt256)30_000_000_000UL,
        GasLimit = 60_000,
        To = Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"),
        Data = CallData,
    }.Sign(_key).Encode();

    /// <summary>The key as bytes: Nethereum builds an EthECKey per call (what <c>SignTransaction(byte[], …)</c> does).</summary>
    [Benchmark]
    public string Nethereum() => _signer.SignTransaction(_keyBytes, Next());

    /// <summary>One EthECKey held for the process, as a keeper would.</summary>
    [Benchmark]
    public string Nethereum_ReusedKey() => _signer.SignTransaction(_ethKey, Next());

    private Transaction1559 Next() => new(
        31337, _nonce++, 1_000_000_000, 30_000_000_000, 60_000, "0x5FbDB2315678afecb367f032d93F642f64180aa3", BigInteger.Zero,
        "0xa9059cbb00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c800000000000000000000000000000000000000000000000000000000000f4240",
        null);
}
