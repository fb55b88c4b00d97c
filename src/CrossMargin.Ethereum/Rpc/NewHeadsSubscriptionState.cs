using System.Text.Json;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// newHeads with gap backfill: whenever a head arrives more than one above the last delivered one (or a
/// resync finds the node ahead), the missing headers are fetched by HTTP batch and delivered first.
/// Dedupe is by block hash, so a reorged block at an already-seen height is still delivered (consumers
/// detect reorgs via ParentHash), but the same block never twice.
/// </summary>
internal sealed class NewHeadsSubscriptionState(IJsonRpcClient backfill, WebSocketClientOptions options)
    : SubscriptionState<BlockHeader>(backfill, options)
{
    private readonly RecentKeys<Primitives.Hash32> _seen = new(1024);
    private long _last = -1; // last delivered number; read by the watchdog thread

    public override void WriteSubscribeParams(Utf8JsonWriter writer) => writer.WriteStringValue("newHeads");

    public override bool IsBehind(ulong nodeHead)
    {
        var last = Volatile.Read(ref _last);
        return last >= 0 && nodeHead > (ulong)last;
    }

    protected override BlockHeader Parse(JsonElement result) => RpcModelParser.Header(result);

    // Heads after the subscription started: the head at that moment counts as already seen.
    protected override void OnStart(ulong headAtSubscribe) => Volatile.Write(ref _last, (long)headAtSubscribe);

    protected override async ValueTask OnItemAsync(BlockHeader item, CancellationToken ct)
    {
        if (_seen.Contains(item.Hash))
            return;
        var last = (ulong)Volatile.Read(ref _last);
        if (item.Number > last + 1)
            await BackfillAsync(last + 1, item.Number - 1, ct).ConfigureAwait(false);
        if (!_seen.Contains(item.Hash))
            Accept(item);
    }

    protected override async ValueTask OnResyncAsync(ulong nodeHead, CancellationToken ct)
    {
        var last = (ulong)Volatile.Read(ref _last);
        if (nodeHead > last)
            await BackfillAsync(last + 1, nodeHead, ct).ConfigureAwait(false);
    }

    private async Task BackfillAsync(ulong from, ulong to, CancellationToken ct)
    {
        var size = (ulong)Math.Max(1, Options.BackfillBatchSize);
        for (var start = from; start <= to; start += size)
        {
            var end = Math.Min(to, start + size - 1);
            var requests = new List<RpcRequest<BlockHeader?>>();
            for (var n = start; n <= end; n++)
                requests.Add(EthRequests.GetBlockByNumber(n));
            foreach (var header in await Backfill.SendBatchAsync(requests, ct).ConfigureAwait(false))
            {
                if (header is null)
                    return; // a lagging backend behind the WS node: the live head will trigger another fill
                if (!_seen.Contains(header.Hash))
                    Accept(header);
            }
        }
    }

    private void Accept(BlockHeader header)
    {
        _seen.Add(header.Hash);
        Volatile.Write(ref _last, (long)header.Number);
        Deliver(header);
    }
}
