using System.Security.Cryptography;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rlp;
using CrossMargin.Ethereum.Transactions;

namespace CrossMargin.Ethereum.Tests.Transactions;

public sealed class TransactionDecoderTests
{
    private static readonly PrivateKey Key = PrivateKey.FromHex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    private static readonly Eip1559Transaction Sample = new()
    {
        ChainId = 42161,
        Nonce = 7,
        MaxPriorityFeePerGas = 1_000_000,
        MaxFeePerGas = 2_000_000_000,
        GasLimit = 300_000,
        To = Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
        Value = UInt256.Parse("1000000000000000000"),
        Data = new byte[] { 0xa9, 0x05, 0x9c, 0xbb },
        AccessList = [new AccessListEntry(Address.Parse("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"), [Hash32.Keccak([1])])],
    };

    [Fact]
    public void DecodeSigned_RoundTrip_PreservesFieldsAndSender()
    {
        var signed = Sample.Sign(Key);
        var decoded = TransactionDecoder.DecodeSigned(signed.Encode());
        var tx = Assert.IsType<Eip1559Transaction>(decoded.Transaction);
        Assert.Equal(Sample.ChainId, tx.ChainId);
        Assert.Equal(Sample.Value, tx.Value);
        Assert.Equal(Sample.To, tx.To);
        Assert.Equal(Sample.Data.ToArray(), tx.Data.ToArray());
        Assert.Equal(Sample.AccessList[0].StorageKeys, tx.AccessList[0].StorageKeys);
        Assert.Equal(signed.Signature, decoded.Signature);
        Assert.Equal(Key.Address, decoded.RecoverSender());
        Assert.Equal(signed.Hash(), decoded.Hash());
    }

    [Fact]
    public void RecoverSender_HighS_IsRejected()
    {
        var signed = Sample.Sign(Key);
        var malleated = signed with { Signature = signed.Signature with { S = Secp256k1.N - signed.Signature.S, YParity = (byte)(1 - signed.Signature.YParity) } };
        var ex = Assert.Throws<CryptographicException>(() => malleated.RecoverSender());
        Assert.Contains("EIP-2", ex.Message);
    }

    [Fact]
    public void DecodeSigned_BlobType_IsNotSupported() =>
        Assert.Throws<NotSupportedException>(() => TransactionDecoder.DecodeSigned([0x03, 0xc0]));

    [Fact]
    public void DecodeSigned_UnknownTypeOrEmpty_Throws()
    {
        Assert.Throws<FormatException>(() => TransactionDecoder.DecodeSigned([0x05, 0xc0]));
        Assert.Throws<FormatException>(() => TransactionDecoder.DecodeSigned([]));
    }

    [Fact]
    public void DecodeSigned_WrongFieldCount_Throws()
    {
        var unsigned = Sample.EncodeUnsigned();
        var ex = Assert.Throws<RlpException>(() => TransactionDecoder.DecodeSigned(unsigned));
        Assert.Contains("12 fields", ex.Message);
    }

    [Fact]
    public void DecodeSigned_NonCanonicalInteger_Throws()
    {
        // A nonce written as 0x0007 instead of 0x07 must not decode: it would give a different hash for the same tx.
        var fields = RlpDecoder.Decode(Sample.Sign(Key).Encode().AsSpan(1)).Items.ToArray();
        fields[1] = RlpItem.String([0x00, 0x07]);
        byte[] tampered = [0x02, .. RlpEncoder.Encode(RlpItem.List(fields))];
        var ex = Assert.Throws<RlpException>(() => TransactionDecoder.DecodeSigned(tampered));
        Assert.Contains("leading zero", ex.Message);
    }

    [Fact]
    public void DecodeSigned_LegacyVBelow35_Throws()
    {
        var legacy = new LegacyTransaction { Nonce = 1, GasPrice = 1, GasLimit = 21000 };
        var fields = RlpDecoder.Decode(legacy.Sign(Key).Encode()).Items.ToArray();
        fields[6] = RlpItem.UInt(30);
        Assert.Throws<FormatException>(() => TransactionDecoder.DecodeSigned(RlpEncoder.Encode(RlpItem.List(fields))));
    }

    [Fact]
    public void Eip155_LargeChainId_RoundTrips()
    {
        var legacy = new LegacyTransaction { Nonce = 1, GasPrice = 1, GasLimit = 21000, ChainId = ulong.MaxValue / 2 };
        var decoded = TransactionDecoder.DecodeSigned(legacy.Sign(Key).Encode());
        Assert.Equal(legacy.ChainId, ((LegacyTransaction)decoded.Transaction).ChainId);
        Assert.Equal(Key.Address, decoded.RecoverSender());
    }
}
