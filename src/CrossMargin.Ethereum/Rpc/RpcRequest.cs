using System.Text.Json;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// One JSON-RPC call description: method, a writer for the params array contents and a parser for the
/// result. Writers/parsers work on Utf8JsonWriter/JsonElement directly, so no reflection serializer runs.
/// </summary>
public sealed class RpcRequest<T>
{
    private readonly Action<Utf8JsonWriter>? _writeParams;
    private readonly Func<JsonElement, T> _parseResult;

    /// <param name="method">JSON-RPC method name.</param>
    /// <param name="writeParams">Writes the params (inside the surrounding array), or null for no params.</param>
    /// <param name="parseResult">Turns the <c>result</c> member into T; runs on the receiving thread.</param>
    /// <param name="isIdempotent">
    /// False for calls whose repetition could change state differently. The HTTP client then retries only
    /// failures where the request provably never reached the node (connect refused, 429).
    /// </param>
    public RpcRequest(string method, Action<Utf8JsonWriter>? writeParams, Func<JsonElement, T> parseResult, bool isIdempotent = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentNullException.ThrowIfNull(parseResult);
        Method = method;
        _writeParams = writeParams;
        _parseResult = parseResult;
        IsIdempotent = isIdempotent;
    }

    public string Method { get; }

    public bool IsIdempotent { get; }

    internal void WriteParams(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        _writeParams?.Invoke(writer);
        writer.WriteEndArray();
    }

    internal T Parse(JsonElement result) => _parseResult(result);
}
