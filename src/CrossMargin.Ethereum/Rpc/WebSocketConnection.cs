using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// One WebSocket's lifetime: a single receive loop that completes request/response calls by id and routes
/// eth_subscription notifications by subscription id. Never reconnects itself; <see cref="EthWebSocketClient"/>
/// replaces the whole connection instead, which keeps this class free of recovery state.
/// </summary>
internal sealed class WebSocketConnection : IAsyncDisposable
{
    private static long _nextId;
    private readonly WebSocket _socket;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<string, Action<JsonElement>> _routes = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private long _lastMessageTimestamp;

    public WebSocketConnection(WebSocket socket, TimeProvider time)
    {
        _socket = socket;
        _time = time;
        _lastMessageTimestamp = time.GetTimestamp();
        Completion = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>Completes (never faults) when the socket is closed, aborted or broken.</summary>
    public Task Completion { get; }

    /// <summary>TimeProvider timestamp of the last message received (any kind): the watchdog's input.</summary>
    public long LastMessageTimestamp => Volatile.Read(ref _lastMessageTimestamp);

    /// <summary>Test hook: silently discard notifications, simulating a subscription the node forgot.</summary>
    public bool DropNotifications { get; set; }

    public void AddRoute(string subscriptionId, Action<JsonElement> handler) => _routes[subscriptionId] = handler;

    public void RemoveRoute(string subscriptionId) => _routes.TryRemove(subscriptionId, out _);

    public async Task<T> SendAsync<T>(RpcRequest<T> request, CancellationToken ct)
    {
        var call = new PendingCall<T>(request);
        await SendCallsAsync([call], asBatch: false, ct).ConfigureAwait(false);
        return await call.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    public async Task SendBatchAsync(IReadOnlyList<PendingCall> calls, CancellationToken ct)
    {
        await SendCallsAsync(calls, asBatch: true, ct).ConfigureAwait(false);
        foreach (var call in calls)
        {
            try
            {
                await call.Completion.WaitAsync(ct).ConfigureAwait(false);
            }
            catch (Exception) when (!ct.IsCancellationRequested)
            {
                // Per-item failures are observed through the item's own task, as with HTTP batches.
            }
        }
    }

    /// <summary>Drops the socket immediately; pending calls fail and <see cref="Completion"/> finishes.</summary>
    public void Abort()
    {
        _closing.Cancel();
        _socket.Abort();
    }

    public async ValueTask DisposeAsync()
    {
        Abort();
        await Completion.ConfigureAwait(false);
        _socket.Dispose();
        _closing.Dispose();
        _sendLock.Dispose();
    }

    private async Task SendCallsAsync(IReadOnlyList<PendingCall> calls, bool asBatch, CancellationToken ct)
    {
        var body = new ArrayBufferWriter<byte>(256 * calls.Count);
        var ids = new List<long>(calls.Count);
        using (var writer = new Utf8JsonWriter(body))
        {
            if (asBatch)
                writer.WriteStartArray();
            foreach (var call in calls)
            {
                var id = Interlocked.Increment(ref _nextId);
                ids.Add(id);
                // Registered before sending: the answer can arrive before SendAsync returns.
                _pending[id] = call;
                JsonRpcWire.WriteRequest(writer, id, call);
            }
            if (asBatch)
                writer.WriteEndArray();
        }

        try
        {
            if (_closing.IsCancellationRequested)
                throw new JsonRpcTransportException("WebSocket connection is closed", requestMayHaveBeenProcessed: false);
            await _sendLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(body.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException or JsonRpcTransportException or OperationCanceledException)
        {
            foreach (var id in ids)
                _pending.TryRemove(id, out _);
            if (ex is OperationCanceledException && ct.IsCancellationRequested)
                throw;
            throw ex as JsonRpcTransportException ?? new JsonRpcTransportException($"WebSocket send failed: {ex.Message}", requestMayHaveBeenProcessed: true, inner: ex);
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (!_closing.IsCancellationRequested)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(8 * 1024), _closing.Token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                        return;
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage);

                Volatile.Write(ref _lastMessageTimestamp, _time.GetTimestamp());
                Dispatch(buffer.WrittenMemory);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // Connection lost: reported through Completion; the owner decides whether to reconnect.
        }
        finally
        {
            _closing.Cancel();
            var lost = new JsonRpcTransportException("WebSocket connection lost", requestMayHaveBeenProcessed: true);
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var call))
                    call.SetError(lost);
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> message)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message);
        }
        catch (JsonException)
        {
            return; // Garbage frame: nothing can be matched to it.
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray())
                    DispatchOne(item);
            }
            else
            {
                DispatchOne(root);
            }
        }
    }

    private void DispatchOne(JsonElement message)
    {
        if (JsonRpcWire.TryGetId(message, out var id))
        {
            if (_pending.TryRemove(id, out var call))
                JsonRpcWire.Complete(call, message); // runs the parser here, before the next frame (see EthWebSocketClient.SubscribeCoreAsync)
            return;
        }
        if (message.ValueKind == JsonValueKind.Object
            && message.TryGetProperty("method"u8, out var method) && method.ValueEquals("eth_subscription"u8)
            && message.TryGetProperty("params"u8, out var p)
            && p.TryGetProperty("subscription"u8, out var sub) && sub.ValueKind == JsonValueKind.String
            && p.TryGetProperty("result"u8, out var result)
            && !DropNotifications
            && _routes.TryGetValue(sub.GetString()!, out var handler))
        {
            handler(result);
        }
    }
}
