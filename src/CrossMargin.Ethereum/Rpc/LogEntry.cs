using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>An event log. <see cref="Removed"/> is true when a reorg dropped it (subscriptions only).</summary>
public sealed record LogEntry(
    Address Address,
    IReadOnlyList<Hash32> Topics,
    byte[] Data,
    ulong BlockNumber,
    Hash32 BlockHash,
    Hash32 TransactionHash,
    ulong TransactionIndex,
    ulong LogIndex,
    bool Removed)
{
    /// <summary>Identity of a log across re-delivery: a block hash pins the fork, the index the position.</summary>
    public (Hash32 BlockHash, ulong LogIndex) Key => (BlockHash, LogIndex);
}
