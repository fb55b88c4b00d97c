using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Keeper.Feed;

/// <summary>Logs in chain order. <see cref="CompleteThrough"/> is set when they are every followed log up to that block (a getLogs range).</summary>
internal sealed record LogsReceived(IReadOnlyList<LogEntry> Logs, ulong? CompleteThrough, long ReceivedAt) : FeedItem(ReceivedAt);
