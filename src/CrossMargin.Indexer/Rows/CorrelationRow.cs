using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>CorrelationSet: history row and, latest per (i, j), the correlations row.</summary>
internal sealed record CorrelationRow(long Block, int LogIndex, int I, int J, Int256 Rho);
