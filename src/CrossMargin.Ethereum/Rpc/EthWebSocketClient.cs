using System.Net.WebSockets;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// JSON-RPC over WebSocket with eth_subscribe, a watchdog and automatic reconnect. After a reconnect every
/// subscription is re-created and its gap is backfilled over <c>backfill</c> (normally the HTTP
/// <see cref="JsonRpcClient"/>, which batches and retries), so consumers get each block/log exactly once.
/// Plain requests are not retried over the socket: one that was in flight when it dropped fails with
/// <see cref="JsonRpcTransportException"/> (RequestMayHaveBeenProcessed = true).
/// </summary>
public sealed class EthWebSocketClient : IJsonRpcClient, IAsyncDisposable
{
    private readonly Uri _url;
    private readonly IJsonRpcClient _backfill;
    private readonly WebSocketClientOptions _options;
    private readonly CancellationTokenSource _disposing = new();
    private readonly SemaphoreSlim _subscriptionGate = new(1, 1); // subscribe/unsubscribe vs resubscribe
    private readonly List<ISubscriptionState> _subscriptions = [];
    private TaskCompletionSource<WebSocketConnection> _connected = NewConnectedSource();
    private WebSocketConnection? _connection;
    private Task? _supervisor;
    private int _reconnects;

    public EthWebSocketClient(Uri url, IJsonRpcClient backfill, WebSocketClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(backfill);
        _url = url;
        _backfill = backfill;
        _options = options ?? new WebSocketClientOptions();
    }

    /// <summary>How many times the connection has been re-established (metrics, tests).</summary>
    public int ReconnectCount => Volatile.Read(ref _reconnects);

    /// <summary>Test seam: how a socket is opened (lets tests hold a reconnect back).</summary>
    internal Func<Uri, CancellationToken, Task<WebSocket>> Connector { get; set; } = ConnectDefaultAsync;

    /// <summary>Opens the first connection; later losses are handled in the background until disposal.</summary>
    public async Task ConnectAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        if (_supervisor is not null)
            throw new InvalidOperationException("already connected");
        var connection = new WebSocketConnection(await Connector(_url, ct).ConfigureAwait(false), _options.TimeProvider);
        Publish(connection);
        _supervisor = Task.Run(() => SuperviseAsync(connection, _disposing.Token));
    }

    public async Task<T> SendAsync<T>(RpcRequest<T> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var connection = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        return await connection.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task SendBatchAsync(RpcBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
            return;
        var connection = await CurrentAsync(cancellationToken).ConfigureAwait(false);
        await connection.SendBatchAsync(batch.Calls, cancellationToken).ConfigureAwait(false);
    }

    public Task<RpcSubscription<BlockHeader>> SubscribeNewHeadsAsync(CancellationToken ct)
    {
        var state = new NewHeadsSubscriptionState(_backfill, _options);
        return SubscribeAsync(state, state.Output, ct);
    }

    /// <summary>Filter ranges are ignored: delivery starts at the head current when subscribing.</summary>
    public Task<RpcSubscription<LogEntry>> SubscribeLogsAsync(LogFilter filter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var state = new LogsSubscriptionState(filter, _backfill, _options);
        return SubscribeAsync(state, state.Output, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
            return;
        await _disposing.CancelAsync().ConfigureAwait(false);
        _connected.TrySetException(new ObjectDisposedException(nameof(EthWebSocketClient)));
        _connection?.Abort();
        if (_supervisor is not null)
            await _supervisor.ConfigureAwait(false);
        if (_connection is { } last)
            await last.DisposeAsync().ConfigureAwait(false);
        ISubscriptionState[] subscriptions;
        lock (_subscriptions)
            subscriptions = [.. _subscriptions];
        foreach (var s in subscriptions)
            await s.StopAsync().ConfigureAwait(false);
    }

    /// <summary>Test hook: drop the socket as a network failure would.</summary>
    internal void AbortConnection() => _connection?.Abort();

    /// <summary>Test hook: make the current socket swallow notifications (a silently dead subscription).</summary>
    internal void DropNotificationsOnCurrentConnection() => _connection!.DropNotifications = true;

    private async Task<RpcSubscription<T>> SubscribeAsync<T>(ISubscriptionState state, System.Threading.Channels.ChannelReader<T> output, CancellationToken ct)
    {
        await _subscriptionGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await SubscribeOnAsync(await CurrentAsync(ct).ConfigureAwait(false), state, ct).ConfigureAwait(false);
            lock (_subscriptions)
                _subscriptions.Add(state);
        }
        finally
        {
            _subscriptionGate.Release();
        }
        ulong head;
        try
        {
            // Read after the subscription is live, so "after this head" has no hole (see OnStart overrides).
            head = await _backfill.BlockNumberAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await UnsubscribeAsync(state).ConfigureAwait(false);
            throw;
        }
        state.Start(head);
        return new RpcSubscription<T>(output, () => UnsubscribeAsync(state));
    }

    private static async Task SubscribeOnAsync(WebSocketConnection connection, ISubscriptionState state, CancellationToken ct)
    {
        // The route is added inside the result parser, which runs on the receive loop before the next frame
        // is read: no notification for the new id can arrive before the route exists.
        var request = new RpcRequest<string>("eth_subscribe", state.WriteSubscribeParams, e =>
        {
            var id = e.GetString()!;
            connection.AddRoute(id, state.OnNotification);
            return id;
        });
        state.ServerId = await connection.SendAsync(request, ct).ConfigureAwait(false);
    }

    private async ValueTask UnsubscribeAsync(ISubscriptionState state)
    {
        await _subscriptionGate.WaitAsync().ConfigureAwait(false);
        try
        {
            lock (_subscriptions)
                _subscriptions.Remove(state);
            if (_connection is { } connection && state.ServerId is { } id)
            {
                connection.RemoveRoute(id);
                try
                {
                    using var timeout = new CancellationTokenSource(_options.PingTimeout, _options.TimeProvider);
                    await connection.SendAsync(new RpcRequest<bool>("eth_unsubscribe", w => w.WriteStringValue(id), e => e.ValueKind == System.Text.Json.JsonValueKind.True), timeout.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is JsonRpcException or JsonRpcTransportException or OperationCanceledException)
                {
                    // Best effort: the route is gone, so stray notifications are dropped anyway.
                }
            }
        }
        finally
        {
            _subscriptionGate.Release();
        }
        await state.StopAsync().ConfigureAwait(false);
    }

    private async Task<WebSocketConnection> CurrentAsync(CancellationToken ct) =>
        Volatile.Read(ref _connection) ?? await Volatile.Read(ref _connected).Task.WaitAsync(ct).ConfigureAwait(false);

    private void Publish(WebSocketConnection connection)
    {
        Volatile.Write(ref _connection, connection);
        Volatile.Read(ref _connected).TrySetResult(connection);
    }

    private async Task SuperviseAsync(WebSocketConnection connection, CancellationToken ct)
    {
        var watchdog = new ConnectionWatchdog(_options, () => Snapshot());
        while (true)
        {
            using (var watchdogStop = CancellationTokenSource.CreateLinkedTokenSource(ct))
            using (ct.Register(connection.Abort)) // disposal racing a reconnect must still end this wait
            {
                var watching = watchdog.RunAsync(connection, watchdogStop.Token);
                await connection.Completion.ConfigureAwait(false);
                await watchdogStop.CancelAsync().ConfigureAwait(false);
                await watching.ConfigureAwait(false);
            }
            if (ct.IsCancellationRequested)
                return;

            // Queue resync markers now: behind all old-socket notifications, ahead of all new-socket ones.
            Volatile.Write(ref _connected, NewConnectedSource());
            Volatile.Write(ref _connection, null);
            foreach (var s in Snapshot())
                s.BeginResync();
            await connection.DisposeAsync().ConfigureAwait(false);

            var next = await ReconnectAsync(ct).ConfigureAwait(false);
            if (next is null)
                return;
            connection = next;
        }
    }

    private async Task<WebSocketConnection?> ReconnectAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            WebSocketConnection? connection = null;
            try
            {
                await Task.Delay(_options.Reconnect.DelayFor(attempt, _options.Random), _options.TimeProvider, ct).ConfigureAwait(false);
                connection = new WebSocketConnection(await Connector(_url, ct).ConfigureAwait(false), _options.TimeProvider);
                await _subscriptionGate.WaitAsync(ct).ConfigureAwait(false);
                try
                {
                    var subscriptions = Snapshot();
                    foreach (var s in subscriptions)
                        await SubscribeOnAsync(connection, s, ct).ConfigureAwait(false);
                    Interlocked.Increment(ref _reconnects);
                    Publish(connection);
                    foreach (var s in subscriptions)
                        s.ConfirmResubscribed();
                }
                finally
                {
                    _subscriptionGate.Release();
                }
                return connection;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                if (connection is not null)
                    await connection.DisposeAsync().ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (ex is WebSocketException or JsonRpcException or JsonRpcTransportException or HttpRequestException or IOException or OperationCanceledException)
            {
                if (connection is not null)
                    await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private ISubscriptionState[] Snapshot()
    {
        lock (_subscriptions)
            return [.. _subscriptions];
    }

    private static TaskCompletionSource<WebSocketConnection> NewConnectedSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task<WebSocket> ConnectDefaultAsync(Uri url, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        try
        {
            await socket.ConnectAsync(url, ct).ConfigureAwait(false);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
