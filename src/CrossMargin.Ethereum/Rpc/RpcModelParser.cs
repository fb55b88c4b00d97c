using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// JsonElement → models: the one place where JSON-RPC strings become <see cref="Address"/>,
/// <see cref="Hash32"/> and <see cref="UInt256"/> (through <see cref="Quantity"/>).
/// </summary>
internal static class RpcModelParser
{
    public static ulong UInt64(JsonElement e) => Quantity.DecodeUInt64(e.GetString()!);

    public static UInt256 UInt256(JsonElement e) => Quantity.DecodeUInt256(e.GetString()!);

    public static byte[] Bytes(JsonElement e) => Quantity.DecodeData(e.GetString()!);

    public static Address Address(JsonElement e) => Primitives.Address.Parse(e.GetString()!);

    public static Hash32 Hash(JsonElement e) => Hash32.Parse(e.GetString()!);

    public static Address? OptionalAddress(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? Address(e) : null;

    public static BlockHeader? OptionalHeader(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : Header(e);

    public static BlockHeader Header(JsonElement e) => new(
        UInt64(e.GetProperty("number"u8)),
        Hash(e.GetProperty("hash"u8)),
        Hash(e.GetProperty("parentHash"u8)),
        UInt64(e.GetProperty("timestamp"u8)),
        e.TryGetProperty("baseFeePerGas"u8, out var fee) && fee.ValueKind == JsonValueKind.String ? UInt256(fee) : null);

    public static LogEntry Log(JsonElement e)
    {
        var topicsJson = e.GetProperty("topics"u8);
        var topics = new Hash32[topicsJson.GetArrayLength()];
        var i = 0;
        foreach (var t in topicsJson.EnumerateArray())
            topics[i++] = Hash(t);
        return new LogEntry(
            Address(e.GetProperty("address"u8)),
            topics,
            Bytes(e.GetProperty("data"u8)),
            UInt64(e.GetProperty("blockNumber"u8)),
            Hash(e.GetProperty("blockHash"u8)),
            Hash(e.GetProperty("transactionHash"u8)),
            UInt64(e.GetProperty("transactionIndex"u8)),
            UInt64(e.GetProperty("logIndex"u8)),
            e.TryGetProperty("removed"u8, out var removed) && removed.ValueKind == JsonValueKind.True);
    }

    public static IReadOnlyList<LogEntry> Logs(JsonElement e)
    {
        var logs = new List<LogEntry>(e.GetArrayLength());
        foreach (var item in e.EnumerateArray())
            logs.Add(Log(item));
        return logs;
    }

    public static TransactionReceipt? OptionalReceipt(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : new TransactionReceipt(
        Hash(e.GetProperty("transactionHash"u8)),
        UInt64(e.GetProperty("blockNumber"u8)),
        Hash(e.GetProperty("blockHash"u8)),
        Address(e.GetProperty("from"u8)),
        OptionalAddress(e, "to"u8),
        UInt64(e.GetProperty("status"u8)),
        UInt64(e.GetProperty("gasUsed"u8)),
        UInt256(e.GetProperty("effectiveGasPrice"u8)),
        OptionalAddress(e, "contractAddress"u8),
        Logs(e.GetProperty("logs"u8)));

    public static FeeHistory FeeHistory(JsonElement e)
    {
        var baseFees = e.GetProperty("baseFeePerGas"u8).EnumerateArray().Select(UInt256).ToList();
        var ratios = e.GetProperty("gasUsedRatio"u8).EnumerateArray().Select(r => r.GetDouble()).ToList();
        var rewards = new List<IReadOnlyList<UInt256>>();
        if (e.TryGetProperty("reward"u8, out var reward) && reward.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in reward.EnumerateArray())
                rewards.Add(block.EnumerateArray().Select(UInt256).ToList());
        }
        return new FeeHistory(UInt64(e.GetProperty("oldestBlock"u8)), baseFees, ratios, rewards);
    }
}
