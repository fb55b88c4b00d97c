namespace CrossMargin.Indexer.Rows;

/// <summary>A token or feed whose decimals() the risk model needs (no event carries decimals).</summary>
internal sealed record AssetRow(string Address, int Decimals, long Block);
