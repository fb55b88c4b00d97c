using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Tests.Vectors;

namespace CrossMargin.Ethereum.Tests.Crypto;

public sealed class AccountsVectorTests
{
    [Fact]
    public void PrivateKey_AllEthersAccounts_DeriveChecksummedAddress()
    {
        var cases = VectorFiles.LoadEthersCases("accounts.json.gz");
        var failures = new List<string>();
        foreach (var c in cases)
        {
            string name = c.GetProperty("name").GetString()!;
            string expected = c.GetProperty("address").GetString()!;
            var key = PrivateKey.FromHex(c.GetProperty("privateKey").GetString()!);
            string actual = key.Address.ToString();
            if (actual != expected) failures.Add($"{name}: expected {expected}, got {actual}");
            if (Address.Parse(expected) != key.Address) failures.Add($"{name}: parse mismatch");
        }
        Assert.Empty(failures);
        Assert.Equal(259, cases.Count);
    }

    [Fact]
    public void Keccak256_AllEthersHashes_Match()
    {
        var cases = VectorFiles.LoadEthersCases("hashes.json.gz");
        var failures = cases
            .Where(c => Hex.Encode(Keccak256.Hash(Hex.Decode(c.GetProperty("data").GetString()!))) != c.GetProperty("keccak256").GetString())
            .Select(c => c.GetProperty("name").GetString())
            .ToList();
        Assert.Empty(failures);
        Assert.Equal(257, cases.Count);
    }
}
