using System.Text.Json.Nodes;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Keystore;

namespace CrossMargin.Ethereum.Tests.Keystore;

public sealed class KeystoreRoundTripTests
{
    private static readonly KeystoreOptions FastScrypt = new() { ScryptN = 1024, ScryptR = 8, ScryptP = 1 };
    private static readonly KeystoreOptions FastPbkdf2 = new() { Kdf = KeystoreKdf.Pbkdf2, Pbkdf2Iterations = 1000 };

    [Theory]
    [InlineData(KeystoreKdf.Scrypt)]
    [InlineData(KeystoreKdf.Pbkdf2)]
    public void EncryptThenDecrypt_SamePassword_RestoresKey(KeystoreKdf kdf)
    {
        var key = PrivateKey.Generate();
        string json = KeystoreV3.Encrypt(key, "correct horse ✓", kdf == KeystoreKdf.Scrypt ? FastScrypt : FastPbkdf2);
        var restored = KeystoreV3.Decrypt(json, "correct horse ✓");
        Assert.Equal(key.ExportBytes(), restored.ExportBytes());

        var doc = JsonNode.Parse(json)!;
        Assert.Equal(3, (int)doc["version"]!);
        Assert.Equal(key.Address.ToLowerHex()[2..], (string)doc["address"]!);
        Assert.Equal(kdf == KeystoreKdf.Scrypt ? "scrypt" : "pbkdf2", (string)doc["crypto"]!["kdf"]!);
        Assert.DoesNotContain(Convert.ToHexStringLower(key.ExportBytes()), json);
    }

    [Fact]
    public void Decrypt_WrongPassword_ThrowsWrongPasswordWithoutSecrets()
    {
        var key = PrivateKey.Generate();
        string json = KeystoreV3.Encrypt(key, "right", FastScrypt);
        var ex = Assert.Throws<KeystoreWrongPasswordException>(() => KeystoreV3.Decrypt(json, "wrong-password-text"));
        Assert.Null(ex.InnerException);
        Assert.DoesNotContain("wrong-password-text", ex.ToString());
        Assert.DoesNotContain("right", ex.ToString());
        Assert.DoesNotContain(Convert.ToHexStringLower(key.ExportBytes()), ex.ToString());
    }

    [Fact]
    public void Decrypt_RestoredKey_ToStringRedactsTheSecret()
    {
        var key = PrivateKey.Generate();
        var restored = KeystoreV3.Decrypt(KeystoreV3.Encrypt(key, "pw", FastPbkdf2), "pw");
        Assert.DoesNotContain(Convert.ToHexStringLower(key.ExportBytes()), restored.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("redacted", restored.ToString());
    }

    [Fact]
    public void Decrypt_TamperedCiphertext_FailsMac()
    {
        var doc = JsonNode.Parse(KeystoreV3.Encrypt(PrivateKey.Generate(), "pw", FastPbkdf2))!;
        var ct = (string)doc["crypto"]!["ciphertext"]!;
        doc["crypto"]!["ciphertext"] = (ct[0] == '0' ? "1" : "0") + ct[1..];
        Assert.Throws<KeystoreWrongPasswordException>(() => KeystoreV3.Decrypt(doc.ToJsonString(), "pw"));
    }

    [Fact]
    public void Decrypt_AddressMismatch_Throws()
    {
        var doc = JsonNode.Parse(KeystoreV3.Encrypt(PrivateKey.Generate(), "pw", FastPbkdf2))!;
        doc["address"] = "0000000000000000000000000000000000000001";
        var ex = Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(doc.ToJsonString(), "pw"));
        Assert.Contains("does not match", ex.Message);
    }

    [Theory]
    [InlineData("version", "4", "version 3")]
    [InlineData("kdf", "\"argon2\"", "unsupported kdf")]
    [InlineData("cipher", "\"aes-256-gcm\"", "unsupported cipher")]
    [InlineData("n", "1000000000", "power of two")]
    [InlineData("n", "1073741824", "MiB")]
    public void Decrypt_UnsupportedOrHostileParameters_ThrowsKeystoreException(string field, string json, string expected)
    {
        var doc = JsonNode.Parse(KeystoreV3.Encrypt(PrivateKey.Generate(), "pw", FastScrypt))!;
        var value = JsonNode.Parse(json);
        switch (field)
        {
            case "version": doc["version"] = value; break;
            case "n": doc["crypto"]!["kdfparams"]!["n"] = value; break;
            default: doc["crypto"]![field] = value; break;
        }
        var ex = Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt(doc.ToJsonString(), "pw"));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Decrypt_NotJson_ThrowsKeystoreException() =>
        Assert.Throws<KeystoreException>(() => KeystoreV3.Decrypt("{not json", "pw"));

    [Fact]
    public void Options_Defaults_MatchGethStandard()
    {
        Assert.Equal(1 << 18, KeystoreOptions.Standard.ScryptN);
        Assert.Equal(8, KeystoreOptions.Standard.ScryptR);
        Assert.Equal(1, KeystoreOptions.Standard.ScryptP);
    }
}
