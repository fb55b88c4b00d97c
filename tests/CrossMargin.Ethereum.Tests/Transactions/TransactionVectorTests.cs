using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Tests.Vectors;
using CrossMargin.Ethereum.Transactions;

namespace CrossMargin.Ethereum.Tests.Transactions;

/// <summary>
/// All 3,200 ethers transactions.json cases for Legacy, EIP-155, Berlin and London. Cancun (type 3, blob) columns
/// are skipped on purpose: blob transactions are not supported by this library.
/// </summary>
public sealed class TransactionVectorTests
{
    private const int CaseCount = 3200;

    // EIP-155 columns exist only for cases that carry a chainId.
    private static readonly Dictionary<string, int> ExpectedCounts = new() { ["Legacy"] = 3200, ["Eip155"] = 1664, ["Berlin"] = 3200, ["London"] = 3200 };

    [Theory]
    [InlineData("Legacy")]
    [InlineData("Eip155")]
    [InlineData("Berlin")]
    [InlineData("London")]
    public void EncodeUnsigned_AllEthersCases_MatchesByteForByte(string kind) =>
        RunAll(kind, c =>
        {
            string actual = Hex.Encode(c.Tx.EncodeUnsigned());
            return actual == c.Unsigned ? null : $"unsigned {Clip(actual)}";
        });

    [Theory]
    [InlineData("Legacy")]
    [InlineData("Eip155")]
    [InlineData("Berlin")]
    [InlineData("London")]
    public void Sign_AllEthersCases_DeterministicSignatureMatchesByteForByte(string kind) =>
        RunAll(kind, c =>
        {
            var signed = c.Tx.Sign(c.Key);
            string raw = Hex.Encode(signed.Encode());
            if (raw != c.Signed) return $"signed {Clip(raw)}";
            var sig = signed.Signature;
            var expectedV = UInt256.Parse(c.Signature.GetProperty("v").GetString()!);
            var actualV = c.Tx is LegacyTransaction l ? sig.LegacyV(l.ChainId) : sig.YParity;
            if (sig.R != UInt256.Parse(c.Signature.GetProperty("r").GetString()!)) return "r differs";
            if (sig.S != UInt256.Parse(c.Signature.GetProperty("s").GetString()!)) return "s differs";
            return actualV == expectedV ? null : $"v {actualV} != {expectedV}";
        });

    [Theory]
    [InlineData("Legacy")]
    [InlineData("Eip155")]
    [InlineData("Berlin")]
    [InlineData("London")]
    public void Decode_AllEthersCases_RoundTripsAndRecoversSender(string kind) =>
        RunAll(kind, c =>
        {
            var signed = TransactionDecoder.DecodeSigned(Hex.Decode(c.Signed));
            if (signed.Transaction.Type != c.Tx.Type) return $"type {signed.Transaction.Type}";
            if (Hex.Encode(signed.Encode()) != c.Signed) return "signed re-encode differs";
            if (Hex.Encode(signed.Transaction.EncodeUnsigned()) != c.Unsigned) return "decoded fields differ";
            if (signed.RecoverSender() != c.Key.Address) return $"sender {signed.RecoverSender()}";
            if (signed.Hash() != Hash32.Keccak(Hex.Decode(c.Signed))) return "hash differs";
            var unsigned = TransactionDecoder.DecodeUnsigned(Hex.Decode(c.Unsigned));
            return Hex.Encode(unsigned.EncodeUnsigned()) == c.Unsigned ? null : "unsigned re-encode differs";
        });

    private static void RunAll(string kind, Func<TransactionVectorCase, string?> check)
    {
        var cases = VectorFiles.LoadEthersCases("transactions.json.gz");
        Assert.Equal(CaseCount, cases.Count);
        var failures = new List<string>();
        int checkedCount = 0;
        foreach (var c in TransactionVectorCase.Load(cases, kind))
        {
            checkedCount++;
            string? problem;
            try
            {
                problem = check(c);
            }
            catch (Exception ex)
            {
                problem = $"{ex.GetType().Name}: {ex.Message}";
            }
            if (problem is not null) failures.Add($"{c.Name}/{kind}: {problem}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} failed:\n" + string.Join("\n", failures.Take(10)));
        Assert.Equal(ExpectedCounts[kind], checkedCount);
    }

    private static string Clip(string s) => s.Length > 90 ? s[..90] + "…" : s;
}
