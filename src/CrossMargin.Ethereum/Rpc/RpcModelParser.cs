using System.Numerics;
using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// JsonElement → model conversion. The only place that decides how addresses/hashes are represented, so
/// switching to Address/Hash32 structs touches this file and the model records.
/// </summary>
internal static class RpcModelParser
{
    public static ulong UInt64(JsonElement e) => RpcQuantity.ParseUInt64(e.GetString()!);

    public static BigInteger BigInteger(JsonElement e) => RpcQuantity.ParseBigInteger(e.GetString()!);

    public static byte[] Bytes(JsonElement e) => Hex.Decode(e.GetString()!);

    /// <summary>Addresses/hashes are normalised to lower case so string comparison is identity.</summary>
    public static string HexId(JsonElement e) => e.GetString()!.ToLowerInvariant();

    public static string? OptionalHexId(JsonElement parent, ReadOnlySpan<byte> name) =>
        parent.TryGetProperty(name, out var e) && e.ValueKind == JsonValueKind.String ? HexId(e) : null;

    public static BlockHeader? OptionalHeader(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : Header(e);

    public static BlockHeader Header(JsonElement e) => new(
        UInt64(e.GetProperty("number"u8)),
        HexId(e.GetProperty("hash"u8)),
        HexId(e.GetProperty("parentHash"u8)),
        UInt64(e.GetProperty("timestamp"u8)),
        e.TryGetProperty("baseFeePerGas"u8, out var fee) && fee.ValueKind == JsonValueKind.String ? BigInteger(fee) : null);

    public static LogEntry Log(JsonElement e)
    {
        var topics = new List<string>(4);
        foreach (var t in e.GetProperty("topics"u8).EnumerateArray())
            topics.Add(HexId(t));
        return new LogEntry(
            HexId(e.GetProperty("address"u8)),
            topics,
            Bytes(e.GetProperty("data"u8)),
            UInt64(e.GetProperty("blockNumber"u8)),
            HexId(e.GetProperty("blockHash"u8)),
            HexId(e.GetProperty("transactionHash"u8)),
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
        HexId(e.GetProperty("transactionHash"u8)),
        UInt64(e.GetProperty("blockNumber"u8)),
        HexId(e.GetProperty("blockHash"u8)),
        HexId(e.GetProperty("from"u8)),
        OptionalHexId(e, "to"u8),
        UInt64(e.GetProperty("status"u8)),
        UInt64(e.GetProperty("gasUsed"u8)),
        BigInteger(e.GetProperty("effectiveGasPrice"u8)),
        OptionalHexId(e, "contractAddress"u8),
        Logs(e.GetProperty("logs"u8)));

    public static FeeHistory FeeHistory(JsonElement e)
    {
        var baseFees = e.GetProperty("baseFeePerGas"u8).EnumerateArray().Select(BigInteger).ToList();
        var ratios = e.GetProperty("gasUsedRatio"u8).EnumerateArray().Select(r => r.GetDouble()).ToList();
        var rewards = new List<IReadOnlyList<BigInteger>>();
        if (e.TryGetProperty("reward"u8, out var reward) && reward.ValueKind == JsonValueKind.Array)
        {
            foreach (var block in reward.EnumerateArray())
                rewards.Add(block.EnumerateArray().Select(BigInteger).ToList());
        }
        return new FeeHistory(UInt64(e.GetProperty("oldestBlock"u8)), baseFees, ratios, rewards);
    }
}
