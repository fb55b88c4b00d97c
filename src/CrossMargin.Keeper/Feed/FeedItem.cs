namespace CrossMargin.Keeper.Feed;

/// <summary>What the feeds hand the keeper loop. <see cref="ReceivedAt"/> is a Stopwatch timestamp (stage latencies).</summary>
internal abstract record FeedItem(long ReceivedAt);
