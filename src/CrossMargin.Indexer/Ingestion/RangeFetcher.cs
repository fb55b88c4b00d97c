using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// Reads one block range: eth_getLogs (split on provider limits), then the headers the writer needs in one batch,
/// and checks that the logs and headers come from one chain (log.blockHash = header hash, parent links). A feed's logs
/// count from the block it was first named on (its listing); earlier ones are dropped before anything else looks at
/// them, so the result does not depend on which feeds a range happened to be read with.
/// </summary>
internal sealed class RangeFetcher(IJsonRpcClient rpc, Address engine, IReadOnlyDictionary<Address, ulong> feeds, AdaptiveSpan span, ulong window)
{
    private readonly IReadOnlyList<Address> _addresses = [engine, .. feeds.Keys];

    public async Task<FetchedRange> FetchAsync(ulong from, ulong to, ulong head, CancellationToken ct)
    {
        var logs = new List<LogEntry>();
        await GetLogsAsync(from, to, logs, ct).ConfigureAwait(false);
        logs.RemoveAll(l => l.Address != engine && l.BlockNumber < feeds[l.Address]);
        var wanted = new SortedSet<ulong> { from, to };
        foreach (var log in logs)
            wanted.Add(log.BlockNumber);
        var windowStart = head >= window ? Math.Max(from, head - window + 1) : from;
        for (var n = windowStart; n <= to; n++)
            wanted.Add(n);
        var headers = await GetHeadersAsync(wanted, ct).ConfigureAwait(false);
        foreach (var log in logs)
        {
            if (log.Removed || headers[log.BlockNumber].Hash != log.BlockHash)
                throw new ChainMovedException($"log of block {log.BlockNumber} is not on the chain just read");
        }
        foreach (var (n, h) in headers)
        {
            if (n > 0 && headers.TryGetValue(n - 1, out var parent) && parent.Hash != h.ParentHash)
                throw new ChainMovedException($"block {n} does not follow block {n - 1}");
        }
        var batch = new EventBatch();
        foreach (var log in logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
            batch.Add(log, engine);
        return new FetchedRange(from, to, batch, headers, logs.Count);
    }

    private async Task GetLogsAsync(ulong from, ulong to, List<LogEntry> into, CancellationToken ct)
    {
        var filter = new LogFilter { Addresses = _addresses };
        var start = from;
        var size = to - from + 1;
        while (start <= to)
        {
            var end = Math.Min(to, start + size - 1);
            try
            {
                var logs = await rpc.GetLogsAsync(filter.WithRange(start, end), ct).ConfigureAwait(false);
                into.AddRange(logs);
                span.Succeeded(end - start + 1, logs.Count);
                start = end + 1;
            }
            catch (Exception e) when (ProviderLimit.IsRangeTooLarge(e) && end > start)
            {
                size = span.Failed(end - start + 1, ProviderLimit.SuggestedSpan(e));
            }
        }
    }

    private async Task<Dictionary<ulong, BlockHeader>> GetHeadersAsync(IEnumerable<ulong> numbers, CancellationToken ct)
    {
        var list = numbers.ToList();
        var headers = await rpc.SendBatchAsync(list.Select(n => EthRequests.GetBlockByNumber(n)), ct).ConfigureAwait(false);
        var result = new Dictionary<ulong, BlockHeader>(list.Count);
        for (var i = 0; i < list.Count; i++)
            result[list[i]] = headers[i] ?? throw new ChainMovedException($"block {list[i]} is gone");
        return result;
    }
}
