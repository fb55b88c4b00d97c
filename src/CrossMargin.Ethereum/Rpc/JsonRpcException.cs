namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// The node answered, and the answer was a JSON-RPC error object. This is a protocol-level outcome:
/// the request reached the node and was rejected, so it is never retried (except rate limits).
/// </summary>
public class JsonRpcException : Exception
{
    public JsonRpcException(string method, int code, string rpcMessage, string? dataJson)
        : base($"{method}: JSON-RPC error {code}: {rpcMessage}")
    {
        Method = method;
        Code = code;
        RpcMessage = rpcMessage;
        DataJson = dataJson;
    }

    /// <summary>The method that failed (for diagnostics; batch errors are per item).</summary>
    public string Method { get; }

    public int Code { get; }

    /// <summary>The node's own message, without our prefix.</summary>
    public string RpcMessage { get; }

    /// <summary>The raw JSON text of the error's <c>data</c> member, if any.</summary>
    public string? DataJson { get; }

    /// <summary>EIP-1474 "limit exceeded": the node is rate limiting us, which is safe to retry.</summary>
    public bool IsRateLimited => Code == -32005;
}
