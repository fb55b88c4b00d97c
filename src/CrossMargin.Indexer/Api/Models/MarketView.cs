namespace CrossMargin.Indexer.Api.Models;

/// <summary>A listed market: parameters (WAD), feed, latest price (WAD) and its block.</summary>
public sealed record MarketView(int Market, string Aggregator, long Heartbeat, string Imf, string Mmf, string Sigma, string LiquidationFee, string TakerFee, string MaxOpenInterest, string? Price, long? PriceBlock);
