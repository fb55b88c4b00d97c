using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>BadDebtSettled (history only).</summary>
internal sealed record BadDebtRow(long Block, int LogIndex, string TxHash, long Account, UInt256 Amount, UInt256 FromInsurance, UInt256 Socialized, UInt256 InsuranceFund);
