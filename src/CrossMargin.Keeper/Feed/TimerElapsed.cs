namespace CrossMargin.Keeper.Feed;

/// <summary>Periodic wake-up: stuck-transaction checks and checkpoints even when no block arrives.</summary>
internal sealed record TimerElapsed(long ReceivedAt) : FeedItem(ReceivedAt);
