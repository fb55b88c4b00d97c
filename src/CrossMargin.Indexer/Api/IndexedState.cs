using System.Collections.Concurrent;
using CrossMargin.Indexer.Api.Models;
using CrossMargin.Indexer.Storage;

namespace CrossMargin.Indexer.Api;

/// <summary>
/// What the API answers from between two indexer commits: the checkpoint, the risk snapshot at it, and the account
/// views built so far (null = no such account). Dropped as a whole when the indexer commits again, so a view is never
/// older than the last commit the API has seen.
/// </summary>
/// <param name="Commits">the in-process indexer's commit count when this state was loaded (0 without one).</param>
internal sealed record IndexedState(Checkpoint Checkpoint, long Commits, RiskSnapshot? Snapshot)
{
    public ConcurrentDictionary<long, AccountDetail?> Accounts { get; } = new();
}
