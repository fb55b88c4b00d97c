using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Keeper.Feed;

/// <summary>A new block header: the per-block pass, receipts of in-flight attempts, fees, checkpoint.</summary>
internal sealed record HeadReceived(BlockHeader Header, long ReceivedAt) : FeedItem(ReceivedAt);
