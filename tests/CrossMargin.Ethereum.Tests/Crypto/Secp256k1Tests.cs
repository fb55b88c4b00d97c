using System.Security.Cryptography;
using System.Text;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using Nethereum.Signer;

namespace CrossMargin.Ethereum.Tests.Crypto;

public sealed class Secp256k1Tests
{
    private static readonly PrivateKey Key = PrivateKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    [Fact]
    public void PersonalMessage_Web3DocsVector_NethereumSignsAndOurRecoveryAgrees()
    {
        // web3.js docs: web3.eth.accounts.sign('Some data', '0x4c0883a6...362318'). EIP-191 personal_sign is
        // Nethereum's EthereumMessageSigner (issue 14); its signatures must read back through our Signature/Secp256k1.
        var signer = new EthereumMessageSigner();
        var hash = new Hash32(signer.HashPrefixedMessage(Encoding.UTF8.GetBytes("Some data")));
        Assert.Equal("0x1da44b586eb0729ff70a73c326926f6ed5a25f5b056e7f47fbc6e58d86871655", hash.ToString());
        var sig = signer.EncodeUTF8AndSign("Some data", new EthECKey("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"));
        Assert.Equal(
            "0xb91467e570a6466aa9e9876cbcd013baba02900b8979d43fe208a4a4f339f5fd6007e74cd82e037b800186422fc2da167c747ef045e5d18a5f5d4300f8e1a0291c",
            sig);
        Assert.Equal(Key.Sign(hash).ToHex(), sig);
        Assert.Equal(Key.Address, Secp256k1.RecoverAddress(hash, Signature.FromBytes(Hex.Decode(sig))));
    }

    [Fact]
    public void SignRecover_RandomKeysAndDigests_RoundTripWithLowS()
    {
        var rng = new Random(7);
        var digest = new byte[32];
        for (int i = 0; i < 200; i++)
        {
            var key = PrivateKey.Generate();
            rng.NextBytes(digest);
            var sig = Secp256k1.Sign(digest, key);
            Assert.True(sig.IsLowS);
            Assert.Equal(key.PublicKey, Secp256k1.RecoverPublicKey(digest, sig));
            Assert.True(Secp256k1.Verify(digest, sig, key.Address));
            Assert.Equal(sig, Secp256k1.Sign(digest, key)); // deterministic
            Assert.NotEqual(key.Address, Secp256k1.RecoverAddress(digest, sig with { YParity = (byte)(1 - sig.YParity) }));
        }
    }

    [Fact]
    public void Recover_OutOfRangeSignature_Throws()
    {
        var digest = new byte[32];
        Assert.Throws<CryptographicException>(() => Secp256k1.RecoverPublicKey(digest, new Signature(UInt256.Zero, UInt256.One, 0)));
        Assert.Throws<CryptographicException>(() => Secp256k1.RecoverPublicKey(digest, new Signature(Secp256k1.N, UInt256.One, 0)));
        Assert.Throws<CryptographicException>(() => Secp256k1.RecoverPublicKey(digest, new Signature(UInt256.One, Secp256k1.N, 0)));
        Assert.False(Secp256k1.TryRecoverPublicKey(digest, new Signature(UInt256.One, UInt256.One, 2), out _));
    }

    [Fact]
    public void PublicKey_CompressedAndUncompressed_RoundTrip()
    {
        var pub = Key.PublicKey;
        Assert.Equal(pub, PublicKey.FromBytes(pub.ToCompressed()));
        Assert.Equal(pub, PublicKey.FromBytes(pub.ToUncompressed()));
        Assert.Equal(pub, PublicKey.FromBytes(pub.ToUncompressed().AsSpan(1)));
        Assert.Equal(Key.Address, pub.ToAddress());
        Assert.Throws<FormatException>(() => PublicKey.FromBytes(new byte[33]));
    }

    [Fact]
    public void PrivateKey_ToString_IsRedacted()
    {
        var hex = Convert.ToHexStringLower(Key.ExportBytes());
        string text = Key.ToString();
        Assert.DoesNotContain(hex, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(hex[..8], text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("redacted", text);
        Assert.DoesNotContain(hex, $"{Key}", StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void PrivateKey_OutOfRange_Rejected()
    {
        Assert.Throws<ArgumentException>(() => new PrivateKey(new byte[32]));
        Assert.Throws<ArgumentException>(() => new PrivateKey(Secp256k1.N.ToBigEndian()));
        Assert.Throws<ArgumentException>(() => new PrivateKey(new byte[31]));
        var ex = Assert.Throws<FormatException>(() => PrivateKey.FromHex("0xzz12"));
        Assert.DoesNotContain("zz12", ex.Message);
    }

    [Fact]
    public void Sign_ConcurrentCallers_GiveSameSignaturesAsSequential()
    {
        // Services sign from many threads; the shared comb table and curve state must not be corrupted.
        var digests = Enumerable.Range(0, 64).Select(i => Hash32.Keccak([(byte)i])).ToArray();
        var sequential = digests.Select(d => Key.Sign(d)).ToArray();
        var parallel = new Signature[digests.Length];
        Parallel.For(0, digests.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => parallel[i] = Key.Sign(digests[i]));
        Assert.Equal(sequential, parallel);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(26)]
    [InlineData(29)]
    public void SignatureFromBytes_BadV_Throws(byte v)
    {
        var bytes = Key.Sign(Hash32.Keccak("x"u8)).ToBytes();
        bytes[64] = v;
        Assert.Throws<FormatException>(() => Signature.FromBytes(bytes));
    }
}
