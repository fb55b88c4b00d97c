using System.Data.Common;
using System.Globalization;
using CrossMargin.Indexer.Api.Models;
using CrossMargin.Risk.Model;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CrossMargin.Indexer.Api;

/// <summary>GET /accounts (filters + keyset pagination), /accounts/{id}, /accounts/{id}/history.</summary>
internal static class AccountsEndpoints
{
    private const int HealthScanChunk = 500;

    private const string SelectAccounts =
        "SELECT a.id, a.owner, a.mode FROM accounts a " +
        "WHERE a.id > @after AND (@owner IS NULL OR a.owner = @owner) AND (@mode IS NULL OR a.mode = @mode) " +
        "AND (@market IS NULL OR EXISTS (SELECT 1 FROM positions p WHERE p.account = a.id AND p.market = @market AND CAST(p.size AS TEXT) <> '0')) " +
        "ORDER BY a.id LIMIT @limit";

    private const string SelectBalancesBetween =
        "SELECT account, asset, CAST(balance AS TEXT) AS balance FROM balances WHERE account >= @first AND account <= @last";

    private const string SelectPositionsBetween =
        "SELECT account, market, CAST(size AS TEXT) AS size, CAST(open_notional AS TEXT) AS open_notional FROM positions " +
        "WHERE account >= @first AND account <= @last AND CAST(size AS TEXT) <> '0'";

    private const string SelectAccount =
        "SELECT id, owner, mode FROM accounts WHERE id = @id; " +
        "SELECT asset, CAST(balance AS TEXT) AS balance, block FROM balances WHERE account = @id AND CAST(balance AS TEXT) <> '0' ORDER BY asset; " +
        "SELECT market, CAST(size AS TEXT) AS size, CAST(open_notional AS TEXT) AS open_notional, block FROM positions WHERE account = @id AND CAST(size AS TEXT) <> '0' ORDER BY market";

    private const string AccountExists = "SELECT COUNT(*) FROM accounts WHERE id = @id";
    private const string FirstBlockAtOrAfter = "SELECT MIN(number) FROM blocks WHERE timestamp >= @time";
    private const string LastBlockAtOrBefore = "SELECT MAX(number) FROM blocks WHERE timestamp <= @time";

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/accounts").WithTags("Accounts");
        group.MapGet("/", ListAsync).WithSummary("Accounts by id, filtered by owner, mode, open market or health ratio (NLV_hm / MM) below a threshold.");
        group.MapGet("/{id}", GetAsync).WithSummary("Balances, positions and exact health at the latest indexed prices.");
        group.MapGet("/{id}/history", HistoryAsync).WithSummary("The account's events in chain order, by block or time range.");
        return app;
    }

    private static async Task<Results<Ok<AccountPage>, ValidationProblem>> ListAsync(
        ApiContext api, string? owner, string? mode, string? market, string? healthBelow, string? after, string? limit, CancellationToken ct)
    {
        var q = new QueryArgs();
        var args = new
        {
            owner = q.Address("owner", owner),
            mode = q.Mode(mode),
            market = q.Long("market", market, 1, 64),
            after = q.Long("after", after) ?? 0,
            limit = q.Limit(limit),
        };
        var threshold = q.PositiveNumber("healthBelow", healthBelow);
        if (!q.IsValid)
            return TypedResults.ValidationProblem(q.Errors);
        await using var connection = await api.OpenAsync(ct);
        if (threshold is null)
        {
            var rows = (await connection.QueryAsync<(long Id, string Owner, long Mode)>(SelectAccounts, args)).ToList();
            var items = rows.Select(r => new AccountSummary(r.Id, r.Owner, MarginModeNames.ApiName(r.Mode))).ToList();
            return TypedResults.Ok(new AccountPage(items, rows.Count == args.limit ? rows[^1].Id : null));
        }
        return TypedResults.Ok(await ScanByHealthAsync(api, connection, args.owner, args.mode, args.market, args.after, args.limit, threshold.Value, ct));
    }

    /// <summary>Health is computed, not stored: scan candidates in id order, in chunks, until a page is full.</summary>
    private static async Task<AccountPage> ScanByHealthAsync(
        ApiContext api, DbConnection connection, string? owner, int? mode, long? market, long after, int limit, double threshold, CancellationToken ct)
    {
        var snapshot = (await api.StateAsync(ct))?.Snapshot;
        var found = new List<AccountSummary>();
        if (snapshot is null)
            return new AccountPage(found, null);
        var cursor = after;
        while (found.Count < limit)
        {
            var chunk = (await connection.QueryAsync<(long Id, string Owner, long Mode)>(SelectAccounts, new { owner, mode, market, after = cursor, limit = HealthScanChunk })).ToList();
            if (chunk.Count == 0)
                return new AccountPage(found, null);
            var range = new { first = chunk[0].Id, last = chunk[^1].Id };
            var balances = (await connection.QueryAsync<(long Account, string Asset, string Balance)>(SelectBalancesBetween, range)).ToLookup(b => b.Account);
            var positions = (await connection.QueryAsync<(long Account, long Market, string Size, string OpenNotional)>(SelectPositionsBetween, range)).ToLookup(p => p.Account);
            foreach (var a in chunk)
            {
                cursor = a.Id;
                var h = snapshot.Health(a.Id, (int)a.Mode, balances[a.Id].Select(b => (b.Asset, b.Balance)), positions[a.Id].Select(p => (p.Market, p.Size, p.OpenNotional)));
                if (h is null || !Below(h, threshold))
                    continue;
                found.Add(new AccountSummary(a.Id, a.Owner, MarginModeNames.ApiName(a.Mode), h));
                if (found.Count == limit)
                    return new AccountPage(found, a.Id);
            }
            if (chunk.Count < HealthScanChunk)
                return new AccountPage(found, null);
        }
        return new AccountPage(found, cursor);
    }

    /// <summary>NLV_hm / MM &lt; threshold (an account without requirement has infinite health).</summary>
    private static bool Below(AccountHealth h, double threshold)
    {
        var mm = double.Parse(h.Mm, CultureInfo.InvariantCulture);
        return mm > 0 && double.Parse(h.NlvMaint, CultureInfo.InvariantCulture) / mm < threshold;
    }

    private static async Task<Results<Ok<AccountDetail>, ProblemHttpResult, ValidationProblem>> GetAsync(ApiContext api, string id, CancellationToken ct)
    {
        var q = new QueryArgs();
        var accountId = q.Long("id", id, 1);
        if (accountId is null)
        {
            q.Errors.TryAdd("id", ["required"]);
            return TypedResults.ValidationProblem(q.Errors);
        }
        var state = await api.StateAsync(ct);
        if (state is null || !state.Accounts.TryGetValue(accountId.Value, out var detail))
        {
            detail = await LoadAsync(api, accountId.Value, state, ct);
            state?.Accounts.TryAdd(accountId.Value, detail);
        }
        return detail is null ? NotFound(accountId.Value) : TypedResults.Ok(detail);
    }

    private static async Task<AccountDetail?> LoadAsync(ApiContext api, long id, IndexedState? state, CancellationToken ct)
    {
        await using var connection = await api.OpenAsync(ct);
        await using var grid = await connection.QueryMultipleAsync(SelectAccount, new { id });
        var account = (await grid.ReadAsync<(long Id, string Owner, long Mode)>()).ToList();
        var balances = (await grid.ReadAsync<(string Asset, string Balance, long Block)>()).ToList();
        var positions = (await grid.ReadAsync<(long Market, string Size, string OpenNotional, long Block)>()).ToList();
        if (account.Count == 0)
            return null;
        var a = account[0];
        var health = state?.Snapshot?.Health(a.Id, (int)a.Mode, balances.Select(b => (b.Asset, b.Balance)), positions.Select(p => (p.Market, p.Size, p.OpenNotional)));
        return new AccountDetail(
            a.Id, a.Owner, MarginModeNames.ApiName(a.Mode),
            balances.Select(b => new BalanceView(b.Asset, b.Balance, b.Block)).ToList(),
            positions.Select(p => new PositionView((int)p.Market, p.Size, p.OpenNotional, p.Block)).ToList(),
            health, state?.Checkpoint.Block ?? -1);
    }

    private static async Task<Results<Ok<IReadOnlyList<HistoryEntry>>, ProblemHttpResult, ValidationProblem>> HistoryAsync(
        ApiContext api, string id, string? fromBlock, string? toBlock, string? fromTime, string? toTime, string? limit, CancellationToken ct)
    {
        var q = new QueryArgs();
        var accountId = q.Long("id", id, 1);
        var (fb, tb) = (q.Long("fromBlock", fromBlock), q.Long("toBlock", toBlock));
        var (ft, tt) = (q.Long("fromTime", fromTime), q.Long("toTime", toTime));
        q.Range("fromBlock", fb, "toBlock", tb);
        q.Range("fromTime", ft, "toTime", tt);
        var max = q.Limit(limit);
        if (!q.IsValid || accountId is null)
            return TypedResults.ValidationProblem(q.Errors);
        await using var connection = await api.OpenAsync(ct);
        if (await connection.ExecuteScalarAsync<long>(AccountExists, new { id = accountId.Value }) == 0)
            return NotFound(accountId.Value);
        var from = fb ?? 0;
        var to = tb ?? long.MaxValue;
        if (ft is { } t0)
            from = Math.Max(from, await connection.ExecuteScalarAsync<long?>(FirstBlockAtOrAfter, new { time = t0 }) ?? long.MaxValue);
        if (tt is { } t1)
            to = Math.Min(to, await connection.ExecuteScalarAsync<long?>(LastBlockAtOrBefore, new { time = t1 }) ?? -1);
        var entries = new List<HistoryEntry>();
        foreach (var table in HistoryTable.All)
        {
            foreach (IDictionary<string, object?> row in await connection.QueryAsync(table.SelectForAccount, new { id = accountId.Value, fromBlock = from, toBlock = to, limit = max }))
            {
                var data = table.Columns.ToDictionary(c => c, c => Convert.ToString(row[c], CultureInfo.InvariantCulture) ?? "");
                entries.Add(new HistoryEntry(Convert.ToInt64(row["block"], CultureInfo.InvariantCulture), Convert.ToInt32(row["log_index"], CultureInfo.InvariantCulture),
                    Convert.ToInt64(row["timestamp"], CultureInfo.InvariantCulture), (string)row["tx_hash"]!, table.Event, data));
            }
        }
        IReadOnlyList<HistoryEntry> page = entries.OrderBy(e => e.Block).ThenBy(e => e.LogIndex).Take(max).ToList();
        return TypedResults.Ok(page);
    }

    private static ProblemHttpResult NotFound(long id) =>
        TypedResults.Problem(statusCode: 404, title: "Account not found", detail: $"No account {id} has been indexed.");
}
