using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>MarketListed/MarketUpdated: history row and, latest per market, the markets row.</summary>
internal sealed record MarketRow(long Block, int LogIndex, int Market, string Aggregator, long Heartbeat, UInt256 Imf, UInt256 Mmf, UInt256 Sigma, UInt256 LiquidationFee, UInt256 TakerFee, UInt256 MaxOpenInterest);
