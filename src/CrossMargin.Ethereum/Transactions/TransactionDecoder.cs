using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rlp;

namespace CrossMargin.Ethereum.Transactions;

/// <summary>Decodes raw transactions (signed, as broadcast) and unsigned signing payloads. Strict RLP throughout.</summary>
public static class TransactionDecoder
{
    public static SignedTransaction DecodeSigned(ReadOnlySpan<byte> raw)
    {
        var (type, f) = Open(raw);
        switch (type)
        {
            case TransactionType.Legacy:
                Expect(f, 9, "signed legacy");
                var (chainId, parity) = SplitLegacyV(f[6].AsUInt256());
                return new SignedTransaction(Legacy(f, chainId), Sig(f[7], f[8], parity));
            case TransactionType.AccessList:
                Expect(f, 11, "signed EIP-2930");
                return new SignedTransaction(AccessList(f), Sig(f[9], f[10], YParity(f[8])));
            default:
                Expect(f, 12, "signed EIP-1559");
                return new SignedTransaction(DynamicFee(f), Sig(f[10], f[11], YParity(f[9])));
        }
    }

    public static Transaction DecodeUnsigned(ReadOnlySpan<byte> payload)
    {
        var (type, f) = Open(payload);
        switch (type)
        {
            case TransactionType.Legacy when f.Count == 6:
                return Legacy(f, null);
            case TransactionType.Legacy:
                Expect(f, 9, "unsigned legacy (6 fields, or 9 with EIP-155)");
                if (!f[7].Bytes.IsEmpty || !f[8].Bytes.IsEmpty)
                    throw new RlpException("unsigned EIP-155 payload must end with [chainId, 0, 0]");
                return Legacy(f, f[6].AsUInt64());
            case TransactionType.AccessList:
                Expect(f, 8, "unsigned EIP-2930");
                return AccessList(f);
            default:
                Expect(f, 9, "unsigned EIP-1559");
                return DynamicFee(f);
        }
    }

    private static (TransactionType Type, IReadOnlyList<RlpItem> Fields) Open(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty) throw new FormatException("transaction bytes are empty");
        byte first = raw[0];
        TransactionType type;
        if (first >= 0xc0)
        {
            type = TransactionType.Legacy;
        }
        else
        {
            type = first switch
            {
                1 => TransactionType.AccessList,
                2 => TransactionType.DynamicFee,
                3 or 4 => throw new NotSupportedException($"transaction type {first} (blob/set-code) is not supported"),
                _ => throw new FormatException($"unknown transaction type byte 0x{first:x2}"),
            };
            raw = raw[1..];
        }
        var root = RlpDecoder.Decode(raw);
        if (!root.IsList) throw new RlpException("transaction payload must be an RLP list");
        return (type, root.Items);
    }

    private static LegacyTransaction Legacy(IReadOnlyList<RlpItem> f, ulong? chainId) => new()
    {
        Nonce = f[0].AsUInt64(),
        GasPrice = f[1].AsUInt256(),
        GasLimit = f[2].AsUInt64(),
        To = TransactionCodec.ReadTo(f[3]),
        Value = f[4].AsUInt256(),
        Data = f[5].Bytes.ToArray(),
        ChainId = chainId,
    };

    private static Eip2930Transaction AccessList(IReadOnlyList<RlpItem> f) => new()
    {
        ChainId = f[0].AsUInt64(),
        Nonce = f[1].AsUInt64(),
        GasPrice = f[2].AsUInt256(),
        GasLimit = f[3].AsUInt64(),
        To = TransactionCodec.ReadTo(f[4]),
        Value = f[5].AsUInt256(),
        Data = f[6].Bytes.ToArray(),
        AccessList = TransactionCodec.ReadAccessList(f[7]),
    };

    private static Eip1559Transaction DynamicFee(IReadOnlyList<RlpItem> f) => new()
    {
        ChainId = f[0].AsUInt64(),
        Nonce = f[1].AsUInt64(),
        MaxPriorityFeePerGas = f[2].AsUInt256(),
        MaxFeePerGas = f[3].AsUInt256(),
        GasLimit = f[4].AsUInt64(),
        To = TransactionCodec.ReadTo(f[5]),
        Value = f[6].AsUInt256(),
        Data = f[7].Bytes.ToArray(),
        AccessList = TransactionCodec.ReadAccessList(f[8]),
    };

    private static (ulong? ChainId, byte Parity) SplitLegacyV(UInt256 v)
    {
        if (v == 27u || v == 28u) return (null, (byte)((ulong)v - 27));
        if (v < 35u) throw new FormatException($"legacy transaction v must be 27, 28 or >= 35 (EIP-155), got {v}");
        UInt256 chainId = (v - 35u) >> 1;
        if (!chainId.TryToUInt64(out ulong id)) throw new FormatException("EIP-155 chain id does not fit in 64 bits");
        return (id, (byte)(v.IsBitSet(0) ? 0 : 1));
    }

    private static byte YParity(RlpItem item)
    {
        var v = item.AsUInt256();
        return v <= 1u ? (byte)(ulong)v : throw new FormatException($"typed transaction yParity must be 0 or 1, got {v}");
    }

    private static Signature Sig(RlpItem r, RlpItem s, byte parity) => new(r.AsUInt256(), s.AsUInt256(), parity);

    private static void Expect(IReadOnlyList<RlpItem> f, int count, string what)
    {
        if (f.Count != count) throw new RlpException($"{what} transaction must have {count} fields, got {f.Count}");
    }
}
