using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>CollateralUpdated: history row and, latest per (account, asset), the balances row.</summary>
internal sealed record CollateralUpdateRow(long Block, int LogIndex, string TxHash, long Account, string Asset, Int256 Delta, Int256 Balance, int Reason);
