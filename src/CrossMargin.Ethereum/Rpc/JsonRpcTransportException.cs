using System.Net;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// No valid JSON-RPC answer was obtained: connection failure, timeout, non-JSON or non-2xx HTTP response,
/// lost WebSocket. Thrown once retries (if any were allowed) are exhausted.
/// </summary>
public sealed class JsonRpcTransportException : Exception
{
    public JsonRpcTransportException(string message, bool requestMayHaveBeenProcessed, HttpStatusCode? statusCode = null, Exception? inner = null)
        : base(message, inner)
    {
        RequestMayHaveBeenProcessed = requestMayHaveBeenProcessed;
        StatusCode = statusCode;
    }

    /// <summary>
    /// True when the failure happened after the request could have reached the node (timeout, reset,
    /// bad response). This is what makes retrying a non-idempotent call unsafe.
    /// </summary>
    public bool RequestMayHaveBeenProcessed { get; }

    public HttpStatusCode? StatusCode { get; }

    public bool IsRateLimited => StatusCode == HttpStatusCode.TooManyRequests;

    /// <summary>The server's Retry-After hint, honoured (capped) by the retry loop.</summary>
    internal TimeSpan? RetryAfter { get; init; }
}
