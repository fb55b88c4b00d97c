using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>PositionUpdated: history row and, latest per (account, market), the positions row.</summary>
internal sealed record PositionUpdateRow(long Block, int LogIndex, string TxHash, long Account, int Market, Int256 SizeDelta, UInt256 Price, Int256 Size, Int256 OpenNotional, Int256 RealizedPnl, UInt256 Fee);
