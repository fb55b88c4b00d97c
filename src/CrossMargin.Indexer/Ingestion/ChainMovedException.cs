namespace CrossMargin.Indexer.Ingestion;

/// <summary>The node's answers for one range do not belong to one chain (a reorg happened while reading): re-read.</summary>
internal sealed class ChainMovedException(string message) : Exception(message);
