using System.Text.Json;
using System.Threading.Channels;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// Per-subscription pump. The receive loop only parses and enqueues; this single reader applies dedupe and
/// gap backfill in order, so the consumer sees one ordered stream however the socket behaves. A resync
/// marker is queued the moment the connection is lost, i.e. behind every notification of the old socket
/// and ahead of every notification of the new one, which is what keeps backfill and live items ordered.
/// </summary>
internal abstract class SubscriptionState<T> : ISubscriptionState
    where T : class
{
    private readonly Channel<object> _inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<T> _output = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _resyncLock = new();
    private ResyncMarker? _unconfirmed;
    private Task? _pump;

    protected SubscriptionState(IJsonRpcClient backfill, WebSocketClientOptions options)
    {
        Backfill = backfill;
        Options = options;
    }

    public string? ServerId { get; set; }

    public ChannelReader<T> Output => _output.Reader;

    protected IJsonRpcClient Backfill { get; }

    protected WebSocketClientOptions Options { get; }

    public abstract void WriteSubscribeParams(Utf8JsonWriter writer);

    public virtual bool IsBehind(ulong nodeHead) => false;

    public void OnNotification(JsonElement result)
    {
        try
        {
            _inbox.Writer.TryWrite(Parse(result));
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            // Unreadable notification: don't guess, let a resync fetch the canonical data over HTTP.
            _inbox.Writer.TryWrite(new ResyncMarker(confirmed: true));
        }
    }

    public void BeginResync()
    {
        lock (_resyncLock)
        {
            if (_unconfirmed is not null)
                return; // one outstanding resync covers any number of failed reconnect attempts
            _unconfirmed = new ResyncMarker(confirmed: false);
            _inbox.Writer.TryWrite(_unconfirmed);
        }
    }

    public void ConfirmResubscribed()
    {
        lock (_resyncLock)
        {
            _unconfirmed?.Ready.TrySetResult();
            _unconfirmed = null;
        }
    }

    public void Start(ulong headAtSubscribe)
    {
        OnStart(headAtSubscribe);
        _pump = Task.Run(() => PumpAsync(_stop.Token));
    }

    public async ValueTask StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _inbox.Writer.TryComplete();
        if (_pump is not null)
            await _pump.ConfigureAwait(false);
        _output.Writer.TryComplete();
        _stop.Dispose();
    }

    protected abstract T Parse(JsonElement result);

    protected abstract void OnStart(ulong headAtSubscribe);

    protected abstract ValueTask OnItemAsync(T item, CancellationToken ct);

    /// <summary>Fill everything up to <paramref name="nodeHead"/> that may have been missed.</summary>
    protected abstract ValueTask OnResyncAsync(ulong nodeHead, CancellationToken ct);

    protected void Deliver(T item) => _output.Writer.TryWrite(item);

    private async Task PumpAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (message is ResyncMarker marker)
                    await marker.Ready.Task.WaitAsync(ct).ConfigureAwait(false); // head must be read after resubscribing
                await HandleWithRetryAsync(message, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            _output.Writer.TryComplete();
        }
    }

    private async Task HandleWithRetryAsync(object message, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (message is ResyncMarker)
                    await OnResyncAsync(await Backfill.BlockNumberAsync(ct).ConfigureAwait(false), ct).ConfigureAwait(false);
                else
                    await OnItemAsync((T)message, ct).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is JsonRpcException or JsonRpcTransportException && !ct.IsCancellationRequested)
            {
                // Backfill failed: retrying the same message is safe because delivery is deduplicated.
                await Task.Delay(Options.Reconnect.DelayFor(attempt, Options.Random), Options.TimeProvider, ct).ConfigureAwait(false);
            }
        }
    }

    private sealed class ResyncMarker
    {
        public ResyncMarker(bool confirmed)
        {
            if (confirmed)
                Ready.SetResult();
        }

        public TaskCompletionSource Ready { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
