using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Indexer.Rows;

/// <summary>Chainlink AnswerUpdated: history row and, latest per feed, the prices row.</summary>
internal sealed record PriceUpdateRow(long Block, int LogIndex, string Feed, UInt256 Round, Int256 Answer, long UpdatedAt);
