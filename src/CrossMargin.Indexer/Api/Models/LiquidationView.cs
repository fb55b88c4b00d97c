namespace CrossMargin.Indexer.Api.Models;

/// <summary>A Liquidated or CollateralLiquidated event.</summary>
public sealed record LiquidationView(long Block, int LogIndex, string TxHash, long Account, string Kind, string Liquidator, IReadOnlyDictionary<string, string> Data);
