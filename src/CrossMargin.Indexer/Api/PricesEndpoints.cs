using CrossMargin.Ethereum.Primitives;
using CrossMargin.Indexer.Api.Models;
using CrossMargin.Risk.Events;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrossMargin.Indexer.Api;

/// <summary>GET /prices/{asset}: asset is a market id, a collateral token or a feed address.</summary>
internal static class PricesEndpoints
{
    private const string FeedOfMarket = "SELECT aggregator FROM markets WHERE market = @market";
    private const string FeedOfCollateral = "SELECT aggregator FROM collaterals WHERE asset = @asset";
    private const string IsFeed = "SELECT COUNT(*) FROM price_updates WHERE feed = @feed";
    private const string FeedDecimals = "SELECT decimals FROM assets WHERE address = @feed";
    private const string SelectHistory =
        "SELECT CAST(answer AS TEXT) AS answer, CAST(round AS TEXT) AS round, updated_at, block FROM price_updates WHERE feed = @feed ORDER BY block DESC, log_index DESC LIMIT @limit";

    public static IEndpointRouteBuilder MapPrices(this IEndpointRouteBuilder app)
    {
        app.MapGet("/prices/{asset}", GetAsync).WithTags("Prices").WithSummary("Latest answer and recent history of the feed of a market id, collateral token or feed address.");
        return app;
    }

    private static async Task<Results<Ok<PriceView>, ProblemHttpResult, ValidationProblem>> GetAsync(ApiContext api, string asset, string? limit, CancellationToken ct)
    {
        var q = new QueryArgs();
        var max = q.Limit(limit);
        var isMarket = long.TryParse(asset, out var market);
        var address = isMarket ? null : q.Address("asset", asset);
        if (!q.IsValid)
            return TypedResults.ValidationProblem(q.Errors);
        await using var connection = await api.OpenAsync(ct);
        var feed = isMarket
            ? await connection.ExecuteScalarAsync<string?>(FeedOfMarket, new { market })
            : await connection.ExecuteScalarAsync<string?>(FeedOfCollateral, new { asset = address }) ?? await FeedItselfAsync(connection, address!);
        if (feed is null)
            return TypedResults.Problem(statusCode: 404, title: "Unknown asset", detail: $"'{asset}' is not a listed market id, collateral or indexed feed.");
        var decimals = (int)(await connection.ExecuteScalarAsync<long?>(FeedDecimals, new { feed }) ?? 0);
        var history = (await connection.QueryAsync<(string Answer, string Round, long UpdatedAt, long Block)>(SelectHistory, new { feed, limit = max }))
            .Select(h => new PricePoint(h.Answer, OraclePrice.Normalise(Int256.Parse(h.Answer), decimals).ToString(), h.Round, h.UpdatedAt, h.Block))
            .ToList();
        return TypedResults.Ok(new PriceView(feed, decimals, history.FirstOrDefault(), history));
    }

    private static async Task<string?> FeedItselfAsync(System.Data.Common.DbConnection connection, string address) =>
        await connection.ExecuteScalarAsync<long>(IsFeed, new { feed = address }) > 0 ? address : null;
}
