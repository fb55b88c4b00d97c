namespace CrossMargin.Indexer.Api.Models;

/// <summary>A collateral balance in token units (negative only for quote debt).</summary>
public sealed record BalanceView(string Asset, string Balance, long Block);
