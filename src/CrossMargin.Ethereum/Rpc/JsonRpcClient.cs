using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// JSON-RPC 2.0 over HTTP with batching and safe retries.
/// Retry policy (why it is safe):
/// <list type="bullet">
/// <item>JSON-RPC error answers are final (reverts, bad params, nonce errors): the node decided; repeating
/// cannot change the answer. The one exception is -32005 "limit exceeded", which means "not processed".</item>
/// <item>HTTP 429 and connect failures mean the node never processed the request: retried for every call.</item>
/// <item>Timeouts, resets mid-exchange, 5xx and garbled bodies are ambiguous: retried only when every call
/// in the attempt is idempotent (<see cref="RpcRequest{T}.IsIdempotent"/>). Reads are; eth_sendRawTransaction
/// is marked non-idempotent unless the caller opts in (see <see cref="EthRpcExtensions.SendRawTransactionAsync"/>).</item>
/// </list>
/// </summary>
public sealed class JsonRpcClient : IJsonRpcClient
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly JsonRpcClientOptions _options;
    private long _nextId;

    public JsonRpcClient(HttpClient http, Uri endpoint, JsonRpcClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(endpoint);
        _http = http;
        _endpoint = endpoint;
        _options = options ?? new JsonRpcClientOptions();
    }

    public Uri Endpoint => _endpoint;

    public async Task<T> SendAsync<T>(RpcRequest<T> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new PendingCall<T>(request);
        await ExecuteAsync([call], asBatch: false, cancellationToken).ConfigureAwait(false);
        return await call.Task.ConfigureAwait(false);
    }

    public async Task SendBatchAsync(RpcBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var calls = batch.Calls;
        for (var start = 0; start < calls.Count; start += _options.MaxBatchSize)
        {
            var chunk = calls.Skip(start).Take(_options.MaxBatchSize).ToList();
            await ExecuteAsync(chunk, asBatch: true, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ExecuteAsync(IReadOnlyList<PendingCall> calls, bool asBatch, CancellationToken cancellationToken)
    {
        var retry = _options.Retry;
        var remaining = calls;
        for (var attempt = 1; ; attempt++)
        {
            var canRetry = attempt < retry.MaxAttempts;
            var failure = await AttemptAsync(remaining, asBatch, canRetry, cancellationToken).ConfigureAwait(false);
            remaining = remaining.Where(c => !c.IsCompleted).ToList();
            if (failure is null && remaining.Count == 0)
                return;

            var mayRetry = canRetry && (failure is null // only rate-limited items are left
                || failure.IsRateLimited
                || !failure.RequestMayHaveBeenProcessed
                || remaining.All(c => c.IsIdempotent));
            if (!mayRetry)
            {
                var error = failure ?? new JsonRpcTransportException("rate limited", requestMayHaveBeenProcessed: false);
                foreach (var call in remaining)
                    call.SetError(error);
                if (failure is not null)
                    throw failure;
                return;
            }

            var delay = retry.DelayFor(attempt, _options.Random);
            if (failure?.RetryAfter is { } retryAfter)
                delay = retryAfter < retry.MaxDelay ? retryAfter : retry.MaxDelay;
            await Task.Delay(delay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One HTTP exchange. Returns null when every call got a final answer or is rate-limited.</summary>
    private async Task<JsonRpcTransportException?> AttemptAsync(IReadOnlyList<PendingCall> calls, bool asBatch, bool canRetry, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<long, PendingCall>(calls.Count);
        var body = new ArrayBufferWriter<byte>(256 * calls.Count);
        using (var writer = new Utf8JsonWriter(body))
        {
            if (asBatch)
                writer.WriteStartArray();
            foreach (var call in calls)
            {
                // Fresh ids per attempt so a late answer to an earlier attempt can never be mistaken.
                var id = Interlocked.Increment(ref _nextId);
                ids[id] = call;
                JsonRpcWire.WriteRequest(writer, id, call);
            }
            if (asBatch)
                writer.WriteEndArray();
        }

        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var content = new ReadOnlyMemoryContent(body.WrittenMemory);
            content.Headers.ContentType = JsonContentType;
            using var message = new HttpRequestMessage(HttpMethod.Post, _endpoint) { Content = content };
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                return new JsonRpcTransportException("HTTP 429 Too Many Requests", false, response.StatusCode) { RetryAfter = response.Headers.RetryAfter?.Delta };

            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            using var document = await TryParseAsync(stream, linked.Token).ConfigureAwait(false);
            // Nodes often send JSON-RPC errors with 4xx/5xx status codes: a JSON-RPC body wins over the status.
            if (document is not null && (document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array))
            {
                Dispatch(document.RootElement, ids, canRetry);
                return null;
            }
            var processed = (int)response.StatusCode >= 500 || response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.RequestTimeout;
            return new JsonRpcTransportException($"HTTP {(int)response.StatusCode}: no JSON-RPC response body", processed, response.StatusCode);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException ex)
        {
            return new JsonRpcTransportException($"timed out after {_options.RequestTimeout}", true, null, ex);
        }
        catch (HttpRequestException ex)
        {
            // Only a failure to connect proves the node never saw the request.
            var neverSent = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            return new JsonRpcTransportException(ex.Message, !neverSent, ex.StatusCode, ex);
        }
        catch (IOException ex)
        {
            return new JsonRpcTransportException(ex.Message, true, null, ex);
        }
    }

    private static async Task<JsonDocument?> TryParseAsync(Stream stream, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(stream, default, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Dispatch(JsonElement root, Dictionary<long, PendingCall> ids, bool canRetry)
    {
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in root.EnumerateArray())
            {
                if (JsonRpcWire.TryGetId(item, out var id) && ids.Remove(id, out var call))
                    CompleteUnlessRateLimited(call, item, canRetry);
            }
        }
        else if (JsonRpcWire.TryGetId(root, out var id) && ids.Remove(id, out var call))
        {
            CompleteUnlessRateLimited(call, root, canRetry);
        }
        else if (root.TryGetProperty("error"u8, out _))
        {
            // A batch rejected as a whole (id null): the same error applies to every call in it.
            foreach (var c in ids.Values)
                CompleteUnlessRateLimited(c, root, canRetry);
            ids.Clear();
        }

        foreach (var missing in ids.Values)
            missing.SetError(new JsonRpcTransportException($"{missing.Method}: no response with a matching id", requestMayHaveBeenProcessed: true));
    }

    private static void CompleteUnlessRateLimited(PendingCall call, JsonElement response, bool canRetry)
    {
        if (canRetry && response.TryGetProperty("error"u8, out var error) && error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("code"u8, out var code) && code.TryGetInt32(out var c) && c == -32005)
            return; // left incomplete: ExecuteAsync retries it
        JsonRpcWire.Complete(call, response);
    }
}
