using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>Liquidated (history only).</summary>
internal sealed record LiquidationRow(long Block, int LogIndex, string TxHash, long Account, string Liquidator, UInt256 Fraction, UInt256 Penalty, UInt256 Reward, UInt256 InsuranceFund);
