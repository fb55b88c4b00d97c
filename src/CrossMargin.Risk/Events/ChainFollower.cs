using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Screening;

namespace CrossMargin.Risk.Events;

/// <summary>
/// Keeps a <see cref="LiquidationBook"/> on the chain's head by polling (eth_getBlockByNumber + eth_getLogs), reorgs
/// included: the newest journalled block the chain still has (same hash) is the common ancestor; the book rolls back to
/// it and applies the new chain's logs from there. Starts from a mirror loaded by <see cref="ChainLoader"/> at
/// <paramref name="mirror"/>'s block (trusted: a reorg below it before the first sync is not detected).
/// </summary>
public sealed class ChainFollower(IJsonRpcClient rpc, ChainMirror mirror, LiquidationBook book)
{
    public ulong Synced { get; private set; } = mirror.LastBlock;

    public async Task<FollowResult> SyncAsync(CancellationToken ct)
    {
        if (book.Journal.Tip is null && await rpc.GetBlockByNumberAsync(Synced, ct) is { } start)
            book.Seal(start.Number, start.Hash); // the load's block: the deepest point a rollback can return to
        var head = await rpc.GetBlockByNumberAsync(BlockParameter.Latest, ct) ?? throw new InvalidOperationException("no head block");
        var ancestor = await CommonAncestorAsync(head, ct);
        if (ancestor is null)
            return FollowResult.ReloadNeeded;
        var result = FollowResult.UpToDate;
        if (ancestor < Synced)
        {
            if (!book.Rollback(ancestor.Value))
                return FollowResult.ReloadNeeded;
            Synced = ancestor.Value;
            result = FollowResult.RolledBack;
        }
        if (head.Number <= Synced)
            return result;
        var filter = new LogFilter { Addresses = mirror.Addresses }.WithRange(Synced + 1, head.Number);
        foreach (var log in (await rpc.GetLogsAsync(filter, ct)).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
            book.Apply(log);
        // If the chain moved between the two calls, the logs' own block hashes are journalled and the next sync's
        // ancestor walk catches the difference.
        book.Seal(head.Number, head.Hash);
        Synced = head.Number;
        return result == FollowResult.RolledBack ? result : FollowResult.Applied;
    }

    /// <summary>The newest journalled block still on the chain (walking down from the tip), or null when every
    /// journalled block is gone (deeper than the journal: reload).</summary>
    private async Task<ulong?> CommonAncestorAsync(BlockHeader head, CancellationToken ct)
    {
        foreach (var (number, hash) in book.Journal.Blocks())
        {
            if (number > head.Number)
                continue;
            var header = number == head.Number ? head : await rpc.GetBlockByNumberAsync(number, ct);
            if (header?.Hash == hash)
                return System.Math.Min(number, Synced);
        }
        return null;
    }
}
