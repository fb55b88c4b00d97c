using System.Diagnostics;
using System.Threading.Channels;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Book;
using CrossMargin.Risk.Events;

namespace CrossMargin.Keeper.Feed;

/// <summary>
/// The HTTP fallback: every interval, eth_blockNumber; when it moved, one batch of eth_getLogs over the new range and
/// the new head's header. Each range is complete, so the book is exactly at the head afterwards.
/// </summary>
internal sealed class PollingFeed : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PollingFeed(IJsonRpcClient rpc, ulong fromBlock, TimeSpan interval, TimeProvider time, ChannelWriter<FeedItem> output)
    {
        _loop = Task.Run(() => RunAsync(rpc, fromBlock, interval, time, output, _stop.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private static async Task RunAsync(IJsonRpcClient rpc, ulong next, TimeSpan interval, TimeProvider time, ChannelWriter<FeedItem> output, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var head = await rpc.BlockNumberAsync(ct);
                if (head >= next)
                {
                    var to = System.Math.Min(head, next + ChainLoader.RangeSize - 1);
                    var batch = new RpcBatch();
                    var logs = batch.Add(EthRequests.GetLogs(BookLoader.FollowFilter.WithRange(next, to)));
                    var header = batch.Add(EthRequests.GetBlockByNumber(BlockParameter.At(to)));
                    await rpc.SendBatchAsync(batch, ct);
                    var now = Stopwatch.GetTimestamp();
                    output.TryWrite(new LogsReceived(await logs, to, now));
                    if (await header is { } h)
                        output.TryWrite(new HeadReceived(h, now));
                    next = to + 1;
                    if (to < head)
                        continue;
                }
            }
            catch (Exception e) when (e is JsonRpcException or JsonRpcTransportException or HttpRequestException or TimeoutException)
            {
                // Node unreachable or erroring: try again next interval; the range is retried from the same block.
            }
            await Task.Delay(interval, time, ct);
        }
    }
}
