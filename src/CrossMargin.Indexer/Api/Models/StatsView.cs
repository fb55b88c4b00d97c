namespace CrossMargin.Indexer.Api.Models;

/// <summary>GET /stats: row counts, indexer position and engine-wide values.</summary>
public sealed record StatsView(long Accounts, long OpenPositions, long Trades, long Liquidations, long CollateralLiquidations, long BadDebts, long PriceUpdates, long IndexedBlock, long HeadBlock, long LagBlocks, double EventsPerSecond, string? InsuranceFund, string? VaultBalance);
