using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>CollateralLiquidated (history only).</summary>
internal sealed record CollateralLiquidationRow(long Block, int LogIndex, string TxHash, long Account, string Liquidator, string Asset, UInt256 Repaid, UInt256 Seized);
