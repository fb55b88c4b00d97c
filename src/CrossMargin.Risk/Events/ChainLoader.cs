using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Risk.Events;

/// <summary>
/// Builds a <see cref="RiskBook"/> from the chain's logs alone: the engine's logs (eth_getLogs from block 0, in block
/// ranges; the constructor's EngineCreated names the quote, listings carry every decimals), then the logs of every
/// aggregator the listings name, merged in chain order. No eth_call.
/// </summary>
public sealed class ChainLoader(IJsonRpcClient rpc, ContractAbi engineAbi, ContractAbi aggregatorAbi)
{
    public const ulong RangeSize = 50_000;

    private static readonly HashSet<string> Listings = ["MarketListed", "MarketUpdated", "CollateralListed", "CollateralParamsUpdated"];

    public async Task<ChainMirror> LoadAsync(Address engine, ulong toBlock, CancellationToken ct)
    {
        var engineLogs = await LogsAsync([engine], toBlock, ct);
        // The feeds whose AnswerUpdated logs the mirror needs are the ones the listings name.
        var feeds = new HashSet<Address>();
        foreach (var log in engineLogs)
        {
            if (engineAbi.TryDecodeLog(log.Topics.Select(t => t.ToArray()).ToArray(), log.Data, out var e) && Listings.Contains(e.Event.Name))
                feeds.Add((Address)((object[])e["params"])[0]);
        }
        var applier = new RiskEventApplier(new RiskBook(), engineAbi, aggregatorAbi);
        var feedLogs = feeds.Count == 0 ? [] : await LogsAsync(feeds.ToArray(), toBlock, ct);
        foreach (var log in engineLogs.Concat(feedLogs).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
            applier.Apply(log);
        return new ChainMirror(applier, [engine, .. feeds], toBlock);
    }

    /// <summary>Applies the engine's and feeds' logs after the mirror's last block up to <paramref name="toBlock"/>.
    /// (A listing of a new feed during catch-up is not followed: reload in that case.)</summary>
    public async Task<ChainMirror> CatchUpAsync(ChainMirror mirror, ulong toBlock, CancellationToken ct)
    {
        if (toBlock <= mirror.LastBlock)
            return mirror;
        var filter = new LogFilter { Addresses = mirror.Addresses }.WithRange(mirror.LastBlock + 1, toBlock);
        foreach (var log in (await rpc.GetLogsAsync(filter, ct)).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
            mirror.Applier.Apply(log);
        return mirror with { LastBlock = toBlock };
    }

    private async Task<List<LogEntry>> LogsAsync(IReadOnlyList<Address> addresses, ulong toBlock, CancellationToken ct)
    {
        var all = new List<LogEntry>();
        for (ulong from = 0; from <= toBlock; from += RangeSize)
        {
            var filter = new LogFilter { Addresses = addresses }.WithRange(from, System.Math.Min(toBlock, from + RangeSize - 1));
            all.AddRange(await rpc.GetLogsAsync(filter, ct));
        }
        return all;
    }
}
