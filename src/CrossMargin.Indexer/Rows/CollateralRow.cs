using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>CollateralListed/CollateralParamsUpdated: history row and, latest per asset, the collaterals row.</summary>
internal sealed record CollateralRow(long Block, int LogIndex, string Asset, int Idx, string Aggregator, long Heartbeat, UInt256 Hm, UInt256 Hi, UInt256 Bonus, int LinkedMarket, UInt256 Cap);
