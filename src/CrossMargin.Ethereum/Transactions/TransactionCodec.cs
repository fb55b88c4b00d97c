using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rlp;

namespace CrossMargin.Ethereum.Transactions;

/// <summary>Field layouts of each transaction type, shared by the encoder and decoder so the two cannot drift.</summary>
internal static class TransactionCodec
{
    public static byte[] EncodeUnsigned(Transaction tx)
    {
        var fields = Fields(tx);
        if (tx is LegacyTransaction { ChainId: { } chainId })
        {
            // EIP-155: the signing payload commits to the chain with [chainId, 0, 0].
            fields.Add(RlpItem.UInt(chainId));
            fields.Add(RlpItem.EmptyString);
            fields.Add(RlpItem.EmptyString);
        }
        return Envelope(tx.Type, fields);
    }

    public static byte[] EncodeSigned(Transaction tx, Signature sig)
    {
        var fields = Fields(tx);
        fields.Add(tx is LegacyTransaction legacy ? RlpItem.UInt(sig.LegacyV(legacy.ChainId)) : RlpItem.UInt(sig.YParity));
        fields.Add(RlpItem.UInt(sig.R));
        fields.Add(RlpItem.UInt(sig.S));
        return Envelope(tx.Type, fields);
    }

    private static byte[] Envelope(TransactionType type, List<RlpItem> fields)
    {
        var list = RlpItem.List(fields);
        if (type == TransactionType.Legacy) return RlpEncoder.Encode(list);
        // EIP-2718: type byte ‖ rlp(payload).
        var body = RlpEncoder.Encode(list);
        var result = new byte[body.Length + 1];
        result[0] = (byte)type;
        body.CopyTo(result, 1);
        return result;
    }

    private static List<RlpItem> Fields(Transaction tx) => tx switch
    {
        LegacyTransaction t =>
        [
            RlpItem.UInt(t.Nonce), RlpItem.UInt(t.GasPrice), RlpItem.UInt(t.GasLimit), To(t.To), RlpItem.UInt(t.Value),
            RlpItem.String(t.Data.Span),
        ],
        Eip2930Transaction t =>
        [
            RlpItem.UInt(t.ChainId), RlpItem.UInt(t.Nonce), RlpItem.UInt(t.GasPrice), RlpItem.UInt(t.GasLimit), To(t.To),
            RlpItem.UInt(t.Value), RlpItem.String(t.Data.Span), AccessList(t.AccessList),
        ],
        Eip1559Transaction t =>
        [
            RlpItem.UInt(t.ChainId), RlpItem.UInt(t.Nonce), RlpItem.UInt(t.MaxPriorityFeePerGas), RlpItem.UInt(t.MaxFeePerGas),
            RlpItem.UInt(t.GasLimit), To(t.To), RlpItem.UInt(t.Value), RlpItem.String(t.Data.Span), AccessList(t.AccessList),
        ],
        _ => throw new NotSupportedException($"transaction type {tx.GetType().Name} is not supported"),
    };

    private static RlpItem To(Address? to) => to is { } a ? RlpItem.Address(a) : RlpItem.EmptyString;

    private static RlpItem AccessList(IReadOnlyList<AccessListEntry> list) =>
        RlpItem.List(list.Select(e => RlpItem.List(RlpItem.Address(e.Address), RlpItem.List(e.StorageKeys.Select(RlpItem.Hash)))));

    // ---- decoding helpers ----

    public static Address? ReadTo(RlpItem item) => item.Bytes.IsEmpty ? null : item.AsAddress();

    public static IReadOnlyList<AccessListEntry> ReadAccessList(RlpItem item) =>
        item.Items.Select(entry =>
        {
            if (entry.Items.Count != 2) throw new RlpException("access list entry must be [address, storageKeys]");
            return new AccessListEntry(entry.Items[0].AsAddress(), entry.Items[1].Items.Select(k => k.AsHash32()).ToArray());
        }).ToArray();
}
