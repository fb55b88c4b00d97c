namespace CrossMargin.Indexer.Api.Models;

/// <summary>A position: signed size (WAD base units) and signed open notional (WAD USD).</summary>
public sealed record PositionView(int Market, string Size, string OpenNotional, long Block);
