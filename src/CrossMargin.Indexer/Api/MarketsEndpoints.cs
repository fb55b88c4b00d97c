using CrossMargin.Indexer.Api.Models;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrossMargin.Indexer.Api;

/// <summary>GET /markets: listed markets with their parameters and latest indexed price.</summary>
internal static class MarketsEndpoints
{
    private const string SelectMarkets =
        "SELECT m.market, m.aggregator, m.heartbeat, CAST(m.imf AS TEXT) AS imf, CAST(m.mmf AS TEXT) AS mmf, CAST(m.sigma AS TEXT) AS sigma, " +
        "CAST(m.liquidation_fee AS TEXT) AS liquidation_fee, CAST(m.taker_fee AS TEXT) AS taker_fee, CAST(m.max_open_interest AS TEXT) AS max_open_interest, p.block AS price_block " +
        "FROM markets m LEFT JOIN prices p ON p.feed = m.aggregator ORDER BY m.market";

    public static IEndpointRouteBuilder MapMarkets(this IEndpointRouteBuilder app)
    {
        app.MapGet("/markets", ListAsync).WithTags("Markets").WithSummary("Listed markets: parameters (WAD), feed and latest indexed price (WAD).");
        return app;
    }

    private static async Task<Ok<IReadOnlyList<MarketView>>> ListAsync(ApiContext api, CancellationToken ct)
    {
        var snapshot = (await api.StateAsync(ct))?.Snapshot;
        await using var connection = await api.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long Market, string Aggregator, long Heartbeat, string Imf, string Mmf, string Sigma, string LiquidationFee, string TakerFee, string MaxOpenInterest, long? PriceBlock)>(SelectMarkets);
        IReadOnlyList<MarketView> markets = rows.Select(m =>
        {
            var price = snapshot?.Prices.Market[m.Market] is { IsZero: false } p ? p.ToString() : null;
            return new MarketView((int)m.Market, m.Aggregator, m.Heartbeat, m.Imf, m.Mmf, m.Sigma, m.LiquidationFee, m.TakerFee, m.MaxOpenInterest, price, m.PriceBlock);
        }).ToList();
        return TypedResults.Ok(markets);
    }
}
