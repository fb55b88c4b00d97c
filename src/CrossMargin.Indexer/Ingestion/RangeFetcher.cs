using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// Reads one block range: eth_getLogs (split on provider limits), then the headers the writer needs in one batch,
/// and checks that the logs and headers come from one chain (log.blockHash = header hash, parent links).
/// </summary>
internal sealed class RangeFetcher(IJsonRpcClient rpc, Address engine, IReadOnlyList<Address> feeds, AdaptiveSpan span, ulong window)
{
    private readonly IReadOnlyList<Address> _addresses = [engine, .. feeds];

    public async Task<FetchedRange> FetchAsync(ulong from, ulong to, ulong head, CancellationToken ct)
    {
        var logs = new List<LogEntry>();
        await GetLogsAsync(from, to, logs, ct).ConfigureAwait(false);
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
                into.AddRange(await rpc.GetLogsAsync(filter.WithRange(start, end), ct).ConfigureAwait(false));
                span.Succeeded(end - start + 1);
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
