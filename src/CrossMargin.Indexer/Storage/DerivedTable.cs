namespace CrossMargin.Indexer.Storage;

/// <summary>
/// A state table whose every row is a copy of the latest row (by block, log_index) of its history table for the same
/// key. Rollback deletes the history above the fork and re-derives only the keys whose state came from deleted rows.
/// The statements are composed once from the column lists here (eight tables share the same three statements).
/// </summary>
internal sealed record DerivedTable(string State, string History, string[] Keys, string[] Values)
{
    public static IReadOnlyList<DerivedTable> All { get; } =
    [
        new("operators", "operator_events", ["account", "operator"], ["approved"]),
        new("balances", "collateral_updates", ["account", "asset"], ["balance"]),
        new("positions", "position_updates", ["account", "market"], ["size", "open_notional"]),
        new("prices", "price_updates", ["feed"], ["round", "answer", "updated_at"]),
        new("markets", "market_events", ["market"], ["aggregator", "heartbeat", "imf", "mmf", "sigma", "liquidation_fee", "taker_fee", "max_open_interest"]),
        new("collaterals", "collateral_events", ["asset"], ["idx", "aggregator", "heartbeat", "hm", "hi", "bonus", "linked_market", "cap"]),
        new("correlations", "correlation_events", ["i", "j"], ["rho"]),
        new("globals", "global_events", ["name"], ["value"]),
    ];

    private string Columns => string.Join(", ", Keys.Concat(Values).Append("block").Append("log_index"));

    private string KeyMatch => string.Join(" AND ", Keys.Select(k => $"{k} = @{k}"));

    public string SelectAffectedKeys => $"SELECT {string.Join(", ", Keys)} FROM {State} WHERE block > @block";

    public string DeleteState => $"DELETE FROM {State} WHERE block > @block";

    public string DeleteHistory => $"DELETE FROM {History} WHERE block > @block";

    public string Rederive =>
        $"INSERT INTO {State} ({Columns}) SELECT {Columns} FROM {History} WHERE {KeyMatch} ORDER BY block DESC, log_index DESC LIMIT 1";

    /// <summary>The state table's columns, in order (keys, values, block, log_index): all present in the history table.</summary>
    public IReadOnlyList<string> StateColumns => [.. Keys, .. Values, "block", "log_index"];

    /// <summary>Makes an insert of a history row's state columns an upsert of the state row.</summary>
    public string UpsertConflict =>
        $"ON CONFLICT ({string.Join(", ", Keys)}) DO UPDATE SET {string.Join(", ", Values.Append("block").Append("log_index").Select(c => $"{c} = excluded.{c}"))}";
}
