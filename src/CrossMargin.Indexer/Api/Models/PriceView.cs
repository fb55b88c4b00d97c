namespace CrossMargin.Indexer.Api.Models;

/// <summary>The latest answer of a feed and its recent history (raw answers in feed decimals, and WAD).</summary>
public sealed record PriceView(string Feed, int Decimals, PricePoint? Latest, IReadOnlyList<PricePoint> History);
