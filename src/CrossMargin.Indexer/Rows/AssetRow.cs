namespace CrossMargin.Indexer.Rows;

/// <summary>A token or feed whose decimals the risk model needs (from the listing events; the quote's from decimals()).</summary>
internal sealed record AssetRow(string Address, int Decimals, long Block);
