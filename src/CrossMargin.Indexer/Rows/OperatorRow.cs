namespace CrossMargin.Indexer.Rows;

/// <summary>OperatorSet: history row and, latest per (account, operator), the operators row.</summary>
internal sealed record OperatorRow(long Block, int LogIndex, long Account, string Operator, int Approved);
