using System.Text.Json;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Transactions;

namespace CrossMargin.Ethereum.Tests.Transactions;

/// <summary>
/// One ethers transactions.json case seen as one of our transaction kinds. Absent fields default to zero/empty, as in
/// ethers. The Cancun (type 3 blob) columns and blob fields are ignored: blob transactions are not supported.
/// </summary>
internal sealed record TransactionVectorCase(string Name, string Kind, Transaction Tx, PrivateKey Key, string Unsigned, string Signed, JsonElement Signature)
{
    public static readonly string[] Kinds = ["Legacy", "Eip155", "Berlin", "London"];

    /// <summary>Cases that exist for this kind; ethers leaves the EIP-155 columns empty when there is no chainId.</summary>
    public static IEnumerable<TransactionVectorCase> Load(IReadOnlyList<JsonElement> cases, string kind) =>
        cases.Select(c => From(c, kind)).Where(c => c.Unsigned.Length > 0);

    private static TransactionVectorCase From(JsonElement c, string kind)
    {
        var t = c.GetProperty("transaction");
        ulong chainId = (ulong)Num(t, "chainId");
        Transaction tx = kind switch
        {
            "Legacy" => new LegacyTransaction { GasPrice = Num(t, "gasPrice"), ChainId = null },
            "Eip155" => new LegacyTransaction { GasPrice = Num(t, "gasPrice"), ChainId = chainId },
            "Berlin" => new Eip2930Transaction { ChainId = chainId, GasPrice = Num(t, "gasPrice"), AccessList = AccessList(t) },
            "London" => new Eip1559Transaction
            {
                ChainId = chainId,
                MaxPriorityFeePerGas = Num(t, "maxPriorityFeePerGas"),
                MaxFeePerGas = Num(t, "maxFeePerGas"),
                AccessList = AccessList(t),
            },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        tx = tx with
        {
            Nonce = (ulong)Num(t, "nonce"),
            GasLimit = (ulong)Num(t, "gasLimit"),
            To = t.TryGetProperty("to", out var to) && to.ValueKind == JsonValueKind.String ? Address.Parse(to.GetString()!) : null,
            Value = Num(t, "value"),
            Data = t.TryGetProperty("data", out var data) ? Hex.Decode(data.GetString()!) : [],
        };
        return new TransactionVectorCase(
            c.GetProperty("name").GetString()!, kind, tx, PrivateKey.FromHex(c.GetProperty("privateKey").GetString()!),
            c.GetProperty("unsigned" + kind).GetString()!, c.GetProperty("signed" + kind).GetString()!, c.GetProperty("signature" + kind));
    }

    private static UInt256 Num(JsonElement t, string field)
    {
        if (!t.TryGetProperty(field, out var v)) return UInt256.Zero;
        return v.ValueKind == JsonValueKind.Number ? v.GetUInt64() : UInt256.Parse(v.GetString()!);
    }

    private static IReadOnlyList<AccessListEntry> AccessList(JsonElement t) =>
        !t.TryGetProperty("accessList", out var list) ? [] : list.EnumerateArray()
            .Select(e => new AccessListEntry(
                Address.Parse(e.GetProperty("address").GetString()!),
                e.GetProperty("storageKeys").EnumerateArray().Select(k => Hash32.Parse(k.GetString()!)).ToArray()))
            .ToArray();
}
