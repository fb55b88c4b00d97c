namespace CrossMargin.Ethereum.Rpc;

/// <summary>An event log. <see cref="Removed"/> is true when a reorg dropped it (subscriptions only).</summary>
public sealed record LogEntry(
    string Address,
    IReadOnlyList<string> Topics,
    byte[] Data,
    ulong BlockNumber,
    string BlockHash,
    string TransactionHash,
    ulong TransactionIndex,
    ulong LogIndex,
    bool Removed)
{
    /// <summary>Identity of a log across re-delivery: a block hash pins the fork, the index the position.</summary>
    public (string BlockHash, ulong LogIndex) Key => (BlockHash, LogIndex);
}
