using System.Text;
using CrossMargin.Ethereum.Keystore;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Tests.Vectors;

namespace CrossMargin.Ethereum.Tests.Keystore;

public sealed class KeystoreVectorTests
{
    // The v3 keystore cases of wallets.json.gz. Crowdsale (presale "encseed") wallets are a different, legacy
    // format that this library deliberately does not read, so they are excluded here by name.
    public static TheoryData<string> KeystoreNames() =>
        new(VectorFiles.LoadEthersCases("wallets.json.gz")
            .Where(c => c.GetProperty("type").GetString() == "keystore")
            .Select(c => c.GetProperty("name").GetString()!));

    [Fact]
    public void WalletVectors_ContainSevenKeystoresAndTwoSkippedCrowdsales()
    {
        var types = VectorFiles.LoadEthersCases("wallets.json.gz").Select(c => c.GetProperty("type").GetString()).ToList();
        Assert.Equal(7, types.Count(t => t == "keystore"));
        Assert.Equal(2, types.Count(t => t == "crowdsale"));
        Assert.Equal(9, types.Count);
    }

    [Theory]
    [MemberData(nameof(KeystoreNames))]
    public void Decrypt_EthersKeystore_YieldsExpectedAddress(string name)
    {
        var c = VectorFiles.LoadEthersCases("wallets.json.gz").Single(w => w.GetProperty("name").GetString() == name);
        // ethers gives the password as hex of its UTF-8 bytes; Nethereum takes the string and encodes it as UTF-8 again.
        var password = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(Hex.Decode(c.GetProperty("password").GetString()!));
        var key = KeystoreV3.Decrypt(c.GetProperty("content").GetString()!, password);
        Assert.Equal(c.GetProperty("address").GetString(), key.Address.ToString());
    }

    [Fact]
    public void Decrypt_EthersKeystoreWrongPassword_ThrowsWrongPassword()
    {
        var c = VectorFiles.LoadEthersCases("wallets.json.gz").Single(w => w.GetProperty("name").GetString() == "wallet_random3");
        var ex = Assert.Throws<KeystoreWrongPasswordException>(() => KeystoreV3.Decrypt(c.GetProperty("content").GetString()!, "not-foo"));
        Assert.Contains("wrong password", ex.Message);
        Assert.Null(ex.InnerException); // a clear error, not Nethereum's exception chain
        Assert.DoesNotContain("not-foo", ex.ToString());
    }
}
