using System.Text.Json;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// logs with gap backfill. <c>_resyncFrom</c> is the lowest block whose logs might not all have been
/// delivered: a node emits logs in block order, so having seen a log of block b proves every earlier block
/// complete, but not b itself. A resync re-queries [_resyncFrom, head] with eth_getLogs; the overlap is
/// removed by (blockHash, logIndex, removed) dedupe, so removed=true reorg notices still get through.
/// </summary>
internal sealed class LogsSubscriptionState(LogFilter filter, IJsonRpcClient backfill, WebSocketClientOptions options)
    : SubscriptionState<LogEntry>(backfill, options)
{
    private readonly RecentKeys<(Primitives.Hash32 BlockHash, ulong LogIndex, bool Removed)> _seen = new(16_384);
    private ulong _resyncFrom;

    public override void WriteSubscribeParams(Utf8JsonWriter writer)
    {
        writer.WriteStringValue("logs");
        RpcParamWriter.Filter(writer, filter, includeRange: false);
    }

    protected override LogEntry Parse(JsonElement result) => RpcModelParser.Log(result);

    // Inclusive: a block mined while the subscription was being set up is re-checked on the first resync.
    protected override void OnStart(ulong headAtSubscribe) => _resyncFrom = headAtSubscribe;

    protected override ValueTask OnItemAsync(LogEntry item, CancellationToken ct)
    {
        DeliverIfNew(item);
        if (!item.Removed && item.BlockNumber > _resyncFrom)
            _resyncFrom = item.BlockNumber;
        return ValueTask.CompletedTask;
    }

    protected override async ValueTask OnResyncAsync(ulong nodeHead, CancellationToken ct)
    {
        var range = Math.Max(1, Options.MaxLogBlockRange);
        for (var from = _resyncFrom; from <= nodeHead; from += range)
        {
            var to = Math.Min(nodeHead, from + range - 1);
            foreach (var log in await Backfill.GetLogsAsync(filter.WithRange(from, to), ct).ConfigureAwait(false))
                DeliverIfNew(log);
            // Everything up to `to` is now delivered; only later blocks can still be missing.
            _resyncFrom = to + 1;
        }
    }

    private void DeliverIfNew(LogEntry log)
    {
        if (_seen.Add((log.BlockHash, log.LogIndex, log.Removed)))
            Deliver(log);
    }
}
