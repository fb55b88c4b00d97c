using System.Diagnostics;
using System.Threading.Channels;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Book;

namespace CrossMargin.Keeper.Feed;

/// <summary>
/// eth_subscribe logs (engine events + AnswerUpdated) and newHeads over one <see cref="EthWebSocketClient"/>; its
/// reconnect/backfill keeps each stream gap-free and ordered. Logs already queued are handed over together, so one
/// pass covers a whole burst (typically one block).
/// </summary>
internal sealed class WebSocketFeed : IAsyncDisposable
{
    private readonly EthWebSocketClient _client;
    private readonly RpcSubscription<LogEntry> _logs;
    private readonly RpcSubscription<BlockHeader> _heads;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pumps;

    private WebSocketFeed(EthWebSocketClient client, RpcSubscription<LogEntry> logs, RpcSubscription<BlockHeader> heads, ChannelWriter<FeedItem> output)
    {
        _client = client;
        _logs = logs;
        _heads = heads;
        _pumps = Task.WhenAll(Task.Run(() => PumpLogsAsync(output, _stop.Token)), Task.Run(() => PumpHeadsAsync(output, _stop.Token)));
    }

    public static async Task<WebSocketFeed> StartAsync(Uri url, IJsonRpcClient http, ChannelWriter<FeedItem> output, CancellationToken ct)
    {
        var client = new EthWebSocketClient(url, http);
        try
        {
            await client.ConnectAsync(ct);
            var logs = await client.SubscribeLogsAsync(BookLoader.FollowFilter, ct);
            var heads = await client.SubscribeNewHeadsAsync(ct);
            return new WebSocketFeed(client, logs, heads, output);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pumps;
        }
        catch (OperationCanceledException)
        {
        }
        catch (ChannelClosedException)
        {
        }
        try
        {
            await _client.DisposeAsync();
        }
        catch (JsonRpcTransportException)
        {
            // The socket was already lost (its watchdog reports it on dispose): nothing left to close.
        }
        _stop.Dispose();
    }

    private async Task PumpLogsAsync(ChannelWriter<FeedItem> output, CancellationToken ct)
    {
        var reader = _logs.Reader;
        while (await reader.WaitToReadAsync(ct))
        {
            var batch = new List<LogEntry>();
            while (reader.TryRead(out var log))
                batch.Add(log);
            if (!output.TryWrite(new LogsReceived(batch, null, Stopwatch.GetTimestamp())))
                return;
        }
    }

    private async Task PumpHeadsAsync(ChannelWriter<FeedItem> output, CancellationToken ct)
    {
        await foreach (var head in _heads.ReadAllAsync(ct))
        {
            if (!output.TryWrite(new HeadReceived(head, Stopwatch.GetTimestamp())))
                return;
        }
    }
}
