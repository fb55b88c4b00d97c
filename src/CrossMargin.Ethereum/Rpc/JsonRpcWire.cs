using System.Text.Json;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>JSON-RPC 2.0 envelope writing and response/error interpretation shared by HTTP and WebSocket.</summary>
internal static class JsonRpcWire
{
    public static void WriteRequest(Utf8JsonWriter writer, long id, PendingCall call)
    {
        writer.WriteStartObject();
        writer.WriteString("jsonrpc"u8, "2.0"u8);
        writer.WriteNumber("id"u8, id);
        writer.WriteString("method"u8, call.Method);
        writer.WritePropertyName("params"u8);
        call.WriteParams(writer);
        writer.WriteEndObject();
    }

    /// <summary>Numeric ids are what we send; anything else (null id on a batch-level error) yields false.</summary>
    public static bool TryGetId(JsonElement response, out long id)
    {
        id = 0;
        return response.ValueKind == JsonValueKind.Object
            && response.TryGetProperty("id"u8, out var idElement)
            && idElement.ValueKind == JsonValueKind.Number
            && idElement.TryGetInt64(out id);
    }

    /// <summary>Completes <paramref name="call"/> from one response object (result or error).</summary>
    public static void Complete(PendingCall call, JsonElement response)
    {
        if (response.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.Object)
            call.SetError(ToException(call.Method, error));
        else if (response.TryGetProperty("result"u8, out var result))
            call.SetResult(result);
        else
            call.SetError(new JsonRpcTransportException($"{call.Method}: response has neither result nor error", requestMayHaveBeenProcessed: true));
    }

    public static JsonRpcException ToException(string method, JsonElement error)
    {
        var code = error.TryGetProperty("code"u8, out var c) && c.TryGetInt32(out var ci) ? ci : 0;
        var message = error.TryGetProperty("message"u8, out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : string.Empty;
        string? dataJson = null;
        JsonElement data = default;
        if (error.TryGetProperty("data"u8, out data) && data.ValueKind != JsonValueKind.Null)
            dataJson = data.GetRawText();

        if (IsRevert(code, message))
            return new JsonRpcRevertException(method, code, message, dataJson, ExtractRevertData(data));
        return new JsonRpcException(method, code, message, dataJson);
    }

    // geth and anvil use code 3 for reverts with data; some nodes/proxies still send -32000/-32603 with an
    // "execution reverted" message, so the message is checked too.
    private static bool IsRevert(int code, string message) =>
        code == 3 || message.Contains("execution reverted", StringComparison.OrdinalIgnoreCase);

    private static byte[] ExtractRevertData(JsonElement data)
    {
        switch (data.ValueKind)
        {
            case JsonValueKind.String:
                return TryDecodeHex(data.GetString()!);
            case JsonValueKind.Object when data.TryGetProperty("data"u8, out var nested):
                // Some providers wrap it: { "data": { "data": "0x..." } }.
                return ExtractRevertData(nested);
            default:
                return [];
        }
    }

    private static byte[] TryDecodeHex(string text)
    {
        if (!text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            // Older nodes prefix it: "Reverted 0x...".
            var at = text.IndexOf("0x", StringComparison.OrdinalIgnoreCase);
            if (at < 0)
                return [];
            text = text[at..];
        }
        try
        {
            return Hex.Decode(text);
        }
        catch (FormatException)
        {
            return [];
        }
    }
}
