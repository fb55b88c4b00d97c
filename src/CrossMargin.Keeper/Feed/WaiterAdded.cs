namespace CrossMargin.Keeper.Feed;

/// <summary>A waiter was registered: one loop iteration evaluates it now, rather than at the next block or timer tick
/// (with a fake clock there may be neither).</summary>
internal sealed record WaiterAdded(long ReceivedAt) : FeedItem(ReceivedAt);
