using System.Data.Common;
using Dapper;
using CrossMargin.Indexer.Rows;
using CrossMargin.Indexer.Storage;

namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// Writes one fetched range in ONE transaction: history rows, state upserts (latest per key), block headers, pruning of
/// finalised headers without events, and the checkpoint. A crash anywhere leaves either all of it or none of it.
/// </summary>
internal static class BatchWriter
{
    private const string InsertAsset = "INSERT INTO assets (address, decimals, block) VALUES (@Address, @Decimals, @Block) ON CONFLICT (address) DO NOTHING";
    private const string InsertAccount = "INSERT INTO accounts (id, owner, mode, block, log_index) VALUES (@Id, @Owner, @Mode, @Block, @LogIndex)";
    private const string InsertOperator = "INSERT INTO operator_events (block, log_index, account, operator, approved) VALUES (@Block, @LogIndex, @Account, @Operator, @Approved)";
    private const string InsertCollateralUpdate =
        "INSERT INTO collateral_updates (block, log_index, tx_hash, account, asset, delta, balance, reason) VALUES (@Block, @LogIndex, @TxHash, @Account, @Asset, @Delta, @Balance, @Reason)";
    private const string InsertPositionUpdate =
        "INSERT INTO position_updates (block, log_index, tx_hash, account, market, size_delta, price, size, open_notional, realized_pnl, fee) " +
        "VALUES (@Block, @LogIndex, @TxHash, @Account, @Market, @SizeDelta, @Price, @Size, @OpenNotional, @RealizedPnl, @Fee)";
    private const string InsertLiquidation =
        "INSERT INTO liquidations (block, log_index, tx_hash, account, liquidator, fraction, penalty, reward, insurance_fund) VALUES (@Block, @LogIndex, @TxHash, @Account, @Liquidator, @Fraction, @Penalty, @Reward, @InsuranceFund)";
    private const string InsertCollateralLiquidation =
        "INSERT INTO collateral_liquidations (block, log_index, tx_hash, account, liquidator, asset, repaid, seized) VALUES (@Block, @LogIndex, @TxHash, @Account, @Liquidator, @Asset, @Repaid, @Seized)";
    private const string InsertBadDebt =
        "INSERT INTO bad_debts (block, log_index, tx_hash, account, amount, from_insurance, socialized, insurance_fund) VALUES (@Block, @LogIndex, @TxHash, @Account, @Amount, @FromInsurance, @Socialized, @InsuranceFund)";
    private const string InsertPriceUpdate = "INSERT INTO price_updates (block, log_index, feed, round, answer, updated_at) VALUES (@Block, @LogIndex, @Feed, @Round, @Answer, @UpdatedAt)";
    private const string InsertMarket =
        "INSERT INTO market_events (block, log_index, market, aggregator, heartbeat, imf, mmf, sigma, liquidation_fee, taker_fee, max_open_interest) " +
        "VALUES (@Block, @LogIndex, @Market, @Aggregator, @Heartbeat, @Imf, @Mmf, @Sigma, @LiquidationFee, @TakerFee, @MaxOpenInterest)";
    private const string InsertCollateral =
        "INSERT INTO collateral_events (block, log_index, asset, idx, aggregator, heartbeat, hm, hi, bonus, linked_market, cap) " +
        "VALUES (@Block, @LogIndex, @Asset, @Idx, @Aggregator, @Heartbeat, @Hm, @Hi, @Bonus, @LinkedMarket, @Cap)";
    private const string SelectCollateralIndex = "SELECT idx FROM collaterals WHERE asset = @asset";
    private const string InsertCorrelation = "INSERT INTO correlation_events (block, log_index, i, j, rho) VALUES (@Block, @LogIndex, @I, @J, @Rho)";
    private const string InsertGlobal = "INSERT INTO global_events (block, log_index, name, value) VALUES (@Block, @LogIndex, @Name, @Value)";
    private const string UpsertBlock =
        "INSERT INTO blocks (number, hash, parent_hash, timestamp, events) VALUES (@Number, @Hash, @ParentHash, @Timestamp, @Events) " +
        "ON CONFLICT (number) DO UPDATE SET hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp, events = excluded.events";
    private const string PruneBlocks = "DELETE FROM blocks WHERE number < @floor AND events = 0";
    private const string UpsertCheckpoint =
        "INSERT INTO checkpoint (id, block, hash) VALUES (1, @Block, @Hash) ON CONFLICT (id) DO UPDATE SET block = excluded.block, hash = excluded.hash";

    private static readonly DerivedTable Operators = DerivedTable.All[0];
    private static readonly DerivedTable Balances = DerivedTable.All[1];
    private static readonly DerivedTable Positions = DerivedTable.All[2];
    private static readonly DerivedTable Prices = DerivedTable.All[3];
    private static readonly DerivedTable Markets = DerivedTable.All[4];
    private static readonly DerivedTable Collaterals = DerivedTable.All[5];
    private static readonly DerivedTable Correlations = DerivedTable.All[6];
    private static readonly DerivedTable Globals = DerivedTable.All[7];

    /// <param name="assets">decimals of the tokens and feeds first listed in this range.</param>
    /// <param name="windowFloor">headers below this block without events are pruned (finalised).</param>
    public static async Task WriteAsync(DbConnection connection, FetchedRange range, IReadOnlyList<AssetRow> assets, long windowFloor, CancellationToken ct)
    {
        var e = range.Events;
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertAsset, assets).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertAccount, e.Accounts).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertOperator, e.Operators).ConfigureAwait(false);
        await ExecAsync(connection, tx, Operators.Upsert, Latest(e.Operators, r => (r.Account, r.Operator))).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertCollateralUpdate, e.CollateralUpdates).ConfigureAwait(false);
        await ExecAsync(connection, tx, Balances.Upsert, Latest(e.CollateralUpdates, r => (r.Account, r.Asset))).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertPositionUpdate, e.PositionUpdates).ConfigureAwait(false);
        await ExecAsync(connection, tx, Positions.Upsert, Latest(e.PositionUpdates, r => (r.Account, r.Market))).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertLiquidation, e.Liquidations).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertCollateralLiquidation, e.CollateralLiquidations).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertBadDebt, e.BadDebts).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertPriceUpdate, e.PriceUpdates).ConfigureAwait(false);
        await ExecAsync(connection, tx, Prices.Upsert, Latest(e.PriceUpdates, r => r.Feed)).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertMarket, e.Markets).ConfigureAwait(false);
        await ExecAsync(connection, tx, Markets.Upsert, Latest(e.Markets, r => r.Market)).ConfigureAwait(false);
        var collaterals = await ResolveIndicesAsync(connection, tx, e.Collaterals).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertCollateral, collaterals).ConfigureAwait(false);
        await ExecAsync(connection, tx, Collaterals.Upsert, Latest(collaterals, r => r.Asset)).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertCorrelation, e.Correlations).ConfigureAwait(false);
        await ExecAsync(connection, tx, Correlations.Upsert, Latest(e.Correlations, r => (r.I, r.J))).ConfigureAwait(false);
        await ExecAsync(connection, tx, InsertGlobal, e.Globals).ConfigureAwait(false);
        await ExecAsync(connection, tx, Globals.Upsert, Latest(e.Globals, r => r.Name)).ConfigureAwait(false);
        var blocks = range.Headers.Values.OrderBy(h => h.Number).Select(h => new BlockRow(
            (long)h.Number, h.Hash.ToString(), h.ParentHash.ToString(), (long)h.Timestamp, e.EventsPerBlock.GetValueOrDefault((long)h.Number))).ToList();
        await ExecAsync(connection, tx, UpsertBlock, blocks).ConfigureAwait(false);
        await connection.ExecuteAsync(PruneBlocks, new { floor = windowFloor }, tx).ConfigureAwait(false);
        await connection.ExecuteAsync(UpsertCheckpoint, new Checkpoint((long)range.To, range.Last.Hash.ToString()), tx).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static Task<int> ExecAsync<T>(DbConnection connection, DbTransaction tx, string sql, IReadOnlyCollection<T> rows) =>
        rows.Count == 0 ? Task.FromResult(0) : connection.ExecuteAsync(sql, rows, tx);

    /// <summary>The last row per key (rows come in chain order), so each state row is written once per batch.</summary>
    private static List<T> Latest<T, TKey>(List<T> rows, Func<T, TKey> key)
        where TKey : notnull
    {
        if (rows.Count <= 1)
            return rows;
        var last = new Dictionary<TKey, T>();
        foreach (var row in rows)
            last[key(row)] = row;
        return [.. last.Values];
    }

    private static async Task<List<CollateralRow>> ResolveIndicesAsync(DbConnection connection, DbTransaction tx, List<CollateralRow> rows)
    {
        var known = new Dictionary<string, int>();
        var resolved = new List<CollateralRow>(rows.Count);
        foreach (var row in rows)
        {
            if (row.Idx >= 0)
            {
                known[row.Asset] = row.Idx;
                resolved.Add(row);
                continue;
            }
            if (!known.TryGetValue(row.Asset, out var idx))
                idx = await connection.ExecuteScalarAsync<int>(SelectCollateralIndex, new { asset = row.Asset }, tx).ConfigureAwait(false);
            resolved.Add(row with { Idx = idx });
        }
        return resolved;
    }
}
