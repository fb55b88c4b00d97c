namespace CrossMargin.Indexer.Api;

/// <summary>An account-history table and the columns its entries show (256-bit columns are read as decimal text).</summary>
internal sealed record HistoryTable(string Table, string Event, string[] Columns)
{
    public static IReadOnlyList<HistoryTable> All { get; } =
    [
        new("collateral_updates", "CollateralUpdated", ["asset", "delta", "balance", "reason"]),
        new("position_updates", "PositionUpdated", ["market", "size_delta", "price", "size", "open_notional", "realized_pnl", "fee"]),
        new("liquidations", "Liquidated", ["liquidator", "fraction", "penalty", "reward", "insurance_fund"]),
        new("collateral_liquidations", "CollateralLiquidated", ["liquidator", "asset", "repaid", "seized"]),
        new("bad_debts", "BadDebtSettled", ["amount", "from_insurance", "socialized", "insurance_fund"]),
    ];

    /// <summary>Rows of one account in [@fromBlock, @toBlock], oldest first, at most @limit.</summary>
    public string SelectForAccount =>
        $"SELECT h.block, h.log_index, COALESCE(b.timestamp, 0) AS timestamp, h.tx_hash, {string.Join(", ", Columns.Select(c => $"CAST(h.{c} AS TEXT) AS {c}"))} " +
        $"FROM {Table} h LEFT JOIN blocks b ON b.number = h.block " +
        "WHERE h.account = @id AND h.block >= @fromBlock AND h.block <= @toBlock ORDER BY h.block, h.log_index LIMIT @limit";
}
