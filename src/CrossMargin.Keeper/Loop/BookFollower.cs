using System.Diagnostics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Book;
using CrossMargin.Keeper.Feed;
using CrossMargin.Keeper.Metrics;

namespace CrossMargin.Keeper.Loop;

/// <summary>
/// Keeps the keeper's book in step with the chain: applies followed logs (noting the first price tick not yet acted on),
/// seals the book through a head with one eth_getLogs, and rebuilds it from the chain when a log could not be applied.
/// Loop thread only.
/// </summary>
internal sealed class BookFollower(IJsonRpcClient rpc, BookLoader loader, KeeperMetrics metrics, Address engine, KeeperBook book)
{
    public KeeperBook Book { get; private set; } = book;

    /// <summary>Stopwatch timestamp of the first price log received since the last pass took it (0: none).</summary>
    public long PendingTick { get; private set; }

    /// <summary>A log could not be applied: the book is unknown until <see cref="ReloadAsync"/>.</summary>
    public bool NeedsReload { get; private set; }

    /// <summary>Returns and clears <see cref="PendingTick"/> (a pass is about to act on it).</summary>
    public long TakeTick()
    {
        var tick = PendingTick;
        PendingTick = 0;
        return tick;
    }

    /// <summary>Applies logs in chain order; true when any of them changed what a pass would see.</summary>
    public bool Apply(LogsReceived logs, CancellationToken ct)
    {
        var pass = false;
        try
        {
            foreach (var log in logs.Logs)
            {
                var effect = Book.Apply(log, engine);
                if (effect == LogEffect.Price && PendingTick == 0)
                    PendingTick = logs.ReceivedAt;
                pass |= effect != LogEffect.None;
            }
            if (logs.CompleteThrough is { } through)
                Book.CompleteThrough(through);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // A log that could not be applied leaves the book unknown: rebuild it from the chain.
            metrics.Errors.WithLabels("apply:" + e.GetType().Name).Inc();
            NeedsReload = true;
        }
        return pass;
    }

    /// <summary>
    /// On a head: one eth_getLogs up to it closes every block the subscription may not have finished (or a block without
    /// followed logs), so the book is complete through the head. Returns true when that brought logs the subscription had
    /// not delivered yet. (When the logs arrive first, the price pass has already run on them.)
    /// </summary>
    public async Task<bool> SealAsync(ulong head, CancellationToken ct)
    {
        var from = Book.Position.CompleteBlock + 1;
        if (from > head)
            return false;
        var logs = await rpc.GetLogsAsync(BookLoader.FollowFilter.WithRange(from, head), ct);
        var ordered = logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex).ToList();
        return Apply(new LogsReceived(ordered, head, Stopwatch.GetTimestamp()), ct);
    }

    /// <summary>Rebuilds the book from the whole log history at the current head; returns that head.</summary>
    public async Task<ulong> ReloadAsync(CancellationToken ct)
    {
        var head = await rpc.BlockNumberAsync(ct);
        (Book, _) = await loader.LoadAsync(null, head, ct);
        NeedsReload = false;
        return head;
    }
}
