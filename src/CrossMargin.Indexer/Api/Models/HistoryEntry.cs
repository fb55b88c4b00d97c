namespace CrossMargin.Indexer.Api.Models;

/// <summary>One event of an account's history, in chain order; <c>data</c> holds the event's fields as decimal strings.</summary>
public sealed record HistoryEntry(long Block, int LogIndex, long Timestamp, string TxHash, string Event, IReadOnlyDictionary<string, string> Data);
