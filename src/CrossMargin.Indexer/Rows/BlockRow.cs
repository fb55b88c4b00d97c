namespace CrossMargin.Indexer.Rows;

/// <summary>A block header kept for reorg detection (unfinalised window) and event timestamps (blocks with events).</summary>
internal sealed record BlockRow(long Number, string Hash, string ParentHash, long Timestamp, int Events);
