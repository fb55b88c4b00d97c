namespace CrossMargin.Indexer.Storage;

/// <summary>The last block whose events are fully in the database, and its hash (to detect reorgs on restart).</summary>
public readonly record struct Checkpoint(long Block, string Hash);
