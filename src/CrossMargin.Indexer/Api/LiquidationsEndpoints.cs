using System.Globalization;
using CrossMargin.Indexer.Api.Models;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrossMargin.Indexer.Api;

/// <summary>GET /liquidations: position and collateral liquidations, newest first, by account and block range.</summary>
internal static class LiquidationsEndpoints
{
    private const string SelectLiquidations =
        "SELECT block, log_index, tx_hash, account, liquidator, CAST(fraction AS TEXT) AS fraction, CAST(penalty AS TEXT) AS penalty, CAST(reward AS TEXT) AS reward " +
        "FROM liquidations WHERE (@account IS NULL OR account = @account) AND block >= @fromBlock AND block <= @toBlock ORDER BY block DESC, log_index DESC LIMIT @limit";

    private const string SelectCollateralLiquidations =
        "SELECT block, log_index, tx_hash, account, liquidator, asset, CAST(repaid AS TEXT) AS repaid, CAST(seized AS TEXT) AS seized " +
        "FROM collateral_liquidations WHERE (@account IS NULL OR account = @account) AND block >= @fromBlock AND block <= @toBlock ORDER BY block DESC, log_index DESC LIMIT @limit";

    public static IEndpointRouteBuilder MapLiquidations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/liquidations", ListAsync).WithTags("Liquidations").WithSummary("Liquidations and collateral liquidations, newest first.");
        return app;
    }

    private static async Task<Results<Ok<IReadOnlyList<LiquidationView>>, ValidationProblem>> ListAsync(
        ApiContext api, string? account, string? fromBlock, string? toBlock, string? limit, CancellationToken ct)
    {
        var q = new QueryArgs();
        var args = new { account = q.Long("account", account, 1), fromBlock = q.Long("fromBlock", fromBlock) ?? 0, toBlock = q.Long("toBlock", toBlock) ?? long.MaxValue, limit = q.Limit(limit) };
        q.Range("fromBlock", args.fromBlock, "toBlock", args.toBlock);
        if (!q.IsValid)
            return TypedResults.ValidationProblem(q.Errors);
        await using var connection = await api.OpenAsync(ct);
        var list = new List<LiquidationView>();
        foreach (IDictionary<string, object?> r in await connection.QueryAsync(SelectLiquidations, args))
            list.Add(View(r, "position", ["fraction", "penalty", "reward"]));
        foreach (IDictionary<string, object?> r in await connection.QueryAsync(SelectCollateralLiquidations, args))
            list.Add(View(r, "collateral", ["asset", "repaid", "seized"]));
        IReadOnlyList<LiquidationView> page = list.OrderByDescending(l => l.Block).ThenByDescending(l => l.LogIndex).Take(args.limit).ToList();
        return TypedResults.Ok(page);
    }

    private static LiquidationView View(IDictionary<string, object?> r, string kind, string[] columns) => new(
        Convert.ToInt64(r["block"], CultureInfo.InvariantCulture), Convert.ToInt32(r["log_index"], CultureInfo.InvariantCulture), (string)r["tx_hash"]!,
        Convert.ToInt64(r["account"], CultureInfo.InvariantCulture), kind, (string)r["liquidator"]!,
        columns.ToDictionary(c => c, c => Convert.ToString(r[c], CultureInfo.InvariantCulture) ?? ""));
}
