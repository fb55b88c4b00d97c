using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>Model → JSON-RPC params. Optional members are omitted rather than written as null (nodes differ).</summary>
internal static class RpcParamWriter
{
    public static void Call(Utf8JsonWriter w, CallRequest call)
    {
        w.WriteStartObject();
        if (call.From is not null)
            w.WriteString("from"u8, call.From);
        if (call.To is not null)
            w.WriteString("to"u8, call.To);
        if (call.Data is not null)
            w.WriteString("data"u8, Hex.Encode(call.Data)); // "data" rather than "input": understood by every node
        if (call.Value is { } value)
            w.WriteString("value"u8, RpcQuantity.Format(value));
        if (call.Gas is { } gas)
            w.WriteString("gas"u8, RpcQuantity.Format(gas));
        if (call.MaxFeePerGas is { } maxFee)
            w.WriteString("maxFeePerGas"u8, RpcQuantity.Format(maxFee));
        if (call.MaxPriorityFeePerGas is { } tip)
            w.WriteString("maxPriorityFeePerGas"u8, RpcQuantity.Format(tip));
        if (call.Nonce is { } nonce)
            w.WriteString("nonce"u8, RpcQuantity.Format(nonce));
        if (call.ChainId is { } chainId)
            w.WriteString("chainId"u8, RpcQuantity.Format(chainId));
        w.WriteEndObject();
    }

    public static void Filter(Utf8JsonWriter w, LogFilter filter, bool includeRange)
    {
        w.WriteStartObject();
        if (filter.Addresses.Count == 1)
        {
            w.WriteString("address"u8, filter.Addresses[0]);
        }
        else if (filter.Addresses.Count > 1)
        {
            w.WriteStartArray("address"u8);
            foreach (var a in filter.Addresses)
                w.WriteStringValue(a);
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

    private static void Topic(Utf8JsonWriter w, IReadOnlyList<string>? alternatives)
    {
        if (alternatives is null || alternatives.Count == 0)
        {
            w.WriteNullValue();
        }
        else if (alternatives.Count == 1)
        {
            w.WriteStringValue(alternatives[0]);
        }
        else
        {
            w.WriteStartArray();
            foreach (var t in alternatives)
                w.WriteStringValue(t);
            w.WriteEndArray();
        }
    }
}
