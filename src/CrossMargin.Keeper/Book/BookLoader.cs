using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;

namespace CrossMargin.Keeper.Book;

/// <summary>
/// Builds the book at one block: from a checkpoint (quote and parameters re-read from the engine's parameter logs, accounts and
/// answers from the file, then the logs after its position) or, without a usable checkpoint, from all logs up to the
/// head via the Risk <see cref="ChainLoader"/>. Either way the result is one consistent snapshot at <c>head</c>.
/// </summary>
internal sealed class BookLoader(IJsonRpcClient rpc, Address engine, ulong chainId)
{
    private static readonly string[] ParameterEvents =
        ["EngineCreated", "MarketListed", "MarketUpdated", "CollateralListed", "CollateralParamsUpdated", "CorrelationSet", "PortfolioParamsSet", "KeeperShareSet"];

    public static LogFilter FollowFilter { get; } = new() { Topics = [KeeperBook.FollowedTopics] };

    public async Task<(KeeperBook Book, bool FromCheckpoint)> LoadAsync(Checkpoint? checkpoint, ulong head, CancellationToken ct)
    {
        if (checkpoint is not null && checkpoint.Version == Checkpoint.CurrentVersion && checkpoint.ChainId == chainId
            && Address.Parse(checkpoint.Engine) == engine && checkpoint.Block <= head
            && await FromCheckpointAsync(checkpoint, head, ct) is { } book)
            return (book, true);
        return (await FromChainAsync(head, ct), false);
    }

    private async Task<KeeperBook> FromChainAsync(ulong head, CancellationToken ct)
    {
        var mirror = await new ChainLoader(rpc, MarginEngineContract.Abi, MockAggregatorContract.Abi).LoadAsync(engine, head, ct);
        return new KeeperBook(mirror.Applier, new LogPosition(head, true, null, []));
    }

    private async Task<KeeperBook?> FromCheckpointAsync(Checkpoint cp, ulong head, CancellationToken ct)
    {
        var risk = new RiskBook();
        var applier = new RiskEventApplier(risk, MarginEngineContract.Abi, MockAggregatorContract.Abi);
        var parameterFilter = new LogFilter
        {
            Addresses = [engine],
            Topics = [ParameterEvents.Select(n => new Hash32(MarginEngineContract.Abi.GetEvent(n).Topic0)).ToList()],
        };
        var parameterLogs = await RangesAsync(parameterFilter, 0, cp.Block, ct);
        foreach (var log in parameterLogs)
            applier.Apply(log);
        CheckpointCodec.Restore(cp, risk);
        var position = CheckpointCodec.Position(cp);
        var from = position.Complete ? position.Block + 1 : position.Block;
        var logs = from <= head ? await RangesAsync(FollowFilter, from, head, ct) : [];
        // The partially applied block must be the same block (no reorg since the checkpoint), else start over.
        if (!position.Complete && logs.Any(l => l.BlockNumber == position.Block && l.BlockHash != position.BlockHash))
            return null;
        var book = new KeeperBook(applier, position);
        foreach (var log in logs)
            book.Apply(log, engine);
        book.CompleteThrough(head);
        book.RebuildScreen();
        return book;
    }

    private async Task<List<LogEntry>> RangesAsync(LogFilter filter, ulong from, ulong to, CancellationToken ct)
    {
        var all = new List<LogEntry>();
        for (var start = from; start <= to; start += ChainLoader.RangeSize)
            all.AddRange(await rpc.GetLogsAsync(filter.WithRange(start, System.Math.Min(to, start + ChainLoader.RangeSize - 1)), ct));
        all.Sort((a, b) => a.BlockNumber != b.BlockNumber ? a.BlockNumber.CompareTo(b.BlockNumber) : a.LogIndex.CompareTo(b.LogIndex));
        return all;
    }
}
