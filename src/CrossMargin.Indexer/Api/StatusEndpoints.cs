using CrossMargin.Indexer.Api.Models;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrossMargin.Indexer.Api;

/// <summary>GET /stats, /health (database reachable), /ready (backfill done).</summary>
internal static class StatusEndpoints
{
    private const string SelectCounts =
        "SELECT (SELECT COUNT(*) FROM accounts), (SELECT COUNT(*) FROM positions WHERE CAST(size AS TEXT) <> '0'), (SELECT COUNT(*) FROM position_updates), " +
        "(SELECT COUNT(*) FROM liquidations), (SELECT COUNT(*) FROM collateral_liquidations), (SELECT COUNT(*) FROM bad_debts), (SELECT COUNT(*) FROM price_updates)";
    private const string SelectGlobal = "SELECT value FROM globals WHERE name = @name";
    private const string Ping = "SELECT 1";

    public static IEndpointRouteBuilder MapStatus(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stats", StatsAsync).WithTags("Status").WithSummary("Row counts, indexer position and engine-wide values.");
        app.MapGet("/health", HealthAsync).WithTags("Status").WithSummary("200 while the database answers.");
        app.MapGet("/ready", ReadyAsync).WithTags("Status").WithSummary("200 once the backfill reached the head seen at start.");
        return app;
    }

    private static async Task<Ok<StatsView>> StatsAsync(ApiContext api, CancellationToken ct)
    {
        await using var connection = await api.OpenAsync(ct);
        var c = await connection.QuerySingleAsync<(long, long, long, long, long, long, long)>(SelectCounts);
        var cp = await ApiContext.CheckpointAsync(connection);
        var indexed = cp?.Block ?? -1;
        var head = api.Status?.HeadBlock ?? indexed;
        return TypedResults.Ok(new StatsView(c.Item1, c.Item2, c.Item3, c.Item4, c.Item5, c.Item6, c.Item7, indexed, head, Math.Max(0, head - indexed),
            api.Status?.EventsPerSecond ?? 0,
            await connection.ExecuteScalarAsync<string?>(SelectGlobal, new { name = "insurance_fund" }),
            await connection.ExecuteScalarAsync<string?>(SelectGlobal, new { name = "vault_balance" })));
    }

    private static async Task<Results<Ok<string>, ProblemHttpResult>> HealthAsync(ApiContext api, CancellationToken ct)
    {
        try
        {
            await using var connection = await api.OpenAsync(ct);
            await connection.ExecuteScalarAsync<long>(Ping);
            return TypedResults.Ok("healthy");
        }
        catch (System.Data.Common.DbException e)
        {
            return TypedResults.Problem(statusCode: 503, title: "Database unavailable", detail: e.Message);
        }
    }

    private static async Task<Results<Ok<string>, ProblemHttpResult>> ReadyAsync(ApiContext api, CancellationToken ct)
    {
        var ready = api.Status is { } s ? s.IsReady : await HasCheckpointAsync(api, ct);
        return ready ? TypedResults.Ok("ready") : TypedResults.Problem(statusCode: 503, title: "Backfill in progress");
    }

    private static async Task<bool> HasCheckpointAsync(ApiContext api, CancellationToken ct)
    {
        await using var connection = await api.OpenAsync(ct);
        return await ApiContext.CheckpointAsync(connection) is not null;
    }
}
