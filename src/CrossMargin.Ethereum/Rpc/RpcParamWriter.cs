using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// Model → JSON-RPC params: the one place where <see cref="Address"/>/<see cref="Hash32"/>/<see cref="UInt256"/>
/// become wire strings. Optional members are omitted rather than written as null (nodes differ).
/// </summary>
internal static class RpcParamWriter
{
    public static void Call(Utf8JsonWriter w, CallRequest call)
    {
        w.WriteStartObject();
        if (call.From is { } from)
            w.WriteString("from"u8, from.ToLowerHex());
        if (call.To is { } to)
            w.WriteString("to"u8, to.ToLowerHex());
        if (call.Data is not null)
            w.WriteString("data"u8, Quantity.EncodeData(call.Data)); // "data" rather than "input": understood by every node
        if (call.Value is { } value)
            w.WriteString("value"u8, Quantity.Encode(value));
        if (call.Gas is { } gas)
            w.WriteString("gas"u8, Quantity.Encode(gas));
        if (call.MaxFeePerGas is { } maxFee)
            w.WriteString("maxFeePerGas"u8, Quantity.Encode(maxFee));
        if (call.MaxPriorityFeePerGas is { } tip)
            w.WriteString("maxPriorityFeePerGas"u8, Quantity.Encode(tip));
        if (call.Nonce is { } nonce)
            w.WriteString("nonce"u8, Quantity.Encode(nonce));
        if (call.ChainId is { } chainId)
            w.WriteString("chainId"u8, Quantity.Encode(chainId));
        w.WriteEndObject();
    }

    public static void Filter(Utf8JsonWriter w, LogFilter filter, bool includeRange)
    {
        w.WriteStartObject();
        if (filter.Addresses.Count == 1)
        {
            w.WriteString("address"u8, filter.Addresses[0].ToLowerHex());
        }
        else if (filter.Addresses.Count > 1)
        {
            w.WriteStartArray("address"u8);
            foreach (var a in filter.Addresses)
                w.WriteStringValue(a.ToLowerHex());
            w.WriteEndArray();
        }
        if (filter.Topics.Count > 0)
        {
            w.WriteStartArray("topics"u8);
            foreach (var position in filter.Topics)
                Topic(w, position);
            w.WriteEndArray();
        }
        if (includeRange && filter.FromBlock is { } from)
            w.WriteString("fromBlock"u8, from.ToString());
        if (includeRange && filter.ToBlock is { } to)
            w.WriteString("toBlock"u8, to.ToString());
        w.WriteEndObject();
    }

    public static void Address(Utf8JsonWriter w, Address address) => w.WriteStringValue(address.ToLowerHex());

    public static void Hash(Utf8JsonWriter w, Hash32 hash) => w.WriteStringValue(hash.ToString());

    public static void Quantity256(Utf8JsonWriter w, UInt256 value) => w.WriteStringValue(Quantity.Encode(value));

    public static void Quantity64(Utf8JsonWriter w, ulong value) => w.WriteStringValue(Quantity.Encode(value));

    private static void Topic(Utf8JsonWriter w, IReadOnlyList<Hash32>? alternatives)
    {
        if (alternatives is null || alternatives.Count == 0)
        {
            w.WriteNullValue();
        }
        else if (alternatives.Count == 1)
        {
            Hash(w, alternatives[0]);
        }
        else
        {
            w.WriteStartArray();
            foreach (var t in alternatives)
                Hash(w, t);
            w.WriteEndArray();
        }
    }
}
