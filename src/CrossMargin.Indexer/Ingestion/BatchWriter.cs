using System.Data.Common;
using Dapper;
using CrossMargin.Indexer.Rows;
using CrossMargin.Indexer.Storage;

namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// Writes one fetched range in ONE transaction: history rows, state upserts (latest per key), block headers, pruning of
/// finalised headers without events, and the checkpoint. A crash anywhere leaves either all of it or none of it.
/// Each table is written with one <see cref="BulkStatement{T}"/> per range (a prepared command in SQLite, one unnest
/// statement in PostgreSQL); state rows are the history statement projected onto the state table's columns.
/// </summary>
internal static class BatchWriter
{
    private const ColumnKind B = ColumnKind.Int64;
    private const ColumnKind I = ColumnKind.Int32;
    private const ColumnKind T = ColumnKind.Text;
    private const ColumnKind U = ColumnKind.Numeric;

    private static readonly BulkStatement<AssetRow> Assets = new("assets", [("address", T), ("decimals", I), ("block", B)],
        r => [r.Address, r.Decimals, r.Block], "ON CONFLICT (address) DO NOTHING");
    private static readonly BulkStatement<AccountRow> Accounts = new("accounts", [("id", B), ("owner", T), ("mode", I), ("block", B), ("log_index", I)],
        r => [r.Id, r.Owner, r.Mode, r.Block, r.LogIndex]);
    private static readonly BulkStatement<OperatorRow> OperatorEvents = new("operator_events",
        [("block", B), ("log_index", I), ("account", B), ("operator", T), ("approved", I)],
        r => [r.Block, r.LogIndex, r.Account, r.Operator, r.Approved]);
    private static readonly BulkStatement<CollateralUpdateRow> CollateralUpdates = new("collateral_updates",
        [("block", B), ("log_index", I), ("tx_hash", T), ("account", B), ("asset", T), ("delta", U), ("balance", U), ("reason", I)],
        r => [r.Block, r.LogIndex, r.TxHash, r.Account, r.Asset, r.Delta, r.Balance, r.Reason]);
    private static readonly BulkStatement<PositionUpdateRow> PositionUpdates = new("position_updates",
        [("block", B), ("log_index", I), ("tx_hash", T), ("account", B), ("market", I), ("size_delta", U), ("price", U), ("size", U), ("open_notional", U), ("realized_pnl", U), ("fee", U)],
        r => [r.Block, r.LogIndex, r.TxHash, r.Account, r.Market, r.SizeDelta, r.Price, r.Size, r.OpenNotional, r.RealizedPnl, r.Fee]);
    private static readonly BulkStatement<LiquidationRow> Liquidations = new("liquidations",
        [("block", B), ("log_index", I), ("tx_hash", T), ("account", B), ("liquidator", T), ("fraction", U), ("penalty", U), ("reward", U), ("insurance_fund", U)],
        r => [r.Block, r.LogIndex, r.TxHash, r.Account, r.Liquidator, r.Fraction, r.Penalty, r.Reward, r.InsuranceFund]);
    private static readonly BulkStatement<CollateralLiquidationRow> CollateralLiquidations = new("collateral_liquidations",
        [("block", B), ("log_index", I), ("tx_hash", T), ("account", B), ("liquidator", T), ("asset", T), ("repaid", U), ("seized", U)],
        r => [r.Block, r.LogIndex, r.TxHash, r.Account, r.Liquidator, r.Asset, r.Repaid, r.Seized]);
    private static readonly BulkStatement<BadDebtRow> BadDebts = new("bad_debts",
        [("block", B), ("log_index", I), ("tx_hash", T), ("account", B), ("amount", U), ("from_insurance", U), ("socialized", U), ("insurance_fund", U)],
        r => [r.Block, r.LogIndex, r.TxHash, r.Account, r.Amount, r.FromInsurance, r.Socialized, r.InsuranceFund]);
    private static readonly BulkStatement<PriceUpdateRow> PriceUpdates = new("price_updates",
        [("block", B), ("log_index", I), ("feed", T), ("round", U), ("answer", U), ("updated_at", B)],
        r => [r.Block, r.LogIndex, r.Feed, r.Round, r.Answer, r.UpdatedAt]);
    private static readonly BulkStatement<MarketRow> MarketEvents = new("market_events",
        [("block", B), ("log_index", I), ("market", I), ("aggregator", T), ("heartbeat", B), ("imf", U), ("mmf", U), ("sigma", U), ("liquidation_fee", U), ("taker_fee", U), ("max_open_interest", U)],
        r => [r.Block, r.LogIndex, r.Market, r.Aggregator, r.Heartbeat, r.Imf, r.Mmf, r.Sigma, r.LiquidationFee, r.TakerFee, r.MaxOpenInterest]);
    private static readonly BulkStatement<CollateralRow> CollateralEvents = new("collateral_events",
        [("block", B), ("log_index", I), ("asset", T), ("idx", I), ("aggregator", T), ("heartbeat", B), ("hm", U), ("hi", U), ("bonus", U), ("linked_market", I), ("cap", U)],
        r => [r.Block, r.LogIndex, r.Asset, r.Idx, r.Aggregator, r.Heartbeat, r.Hm, r.Hi, r.Bonus, r.LinkedMarket, r.Cap]);
    private static readonly BulkStatement<CorrelationRow> CorrelationEvents = new("correlation_events",
        [("block", B), ("log_index", I), ("i", I), ("j", I), ("rho", U)],
        r => [r.Block, r.LogIndex, r.I, r.J, r.Rho]);
    private static readonly BulkStatement<GlobalRow> GlobalEvents = new("global_events",
        [("block", B), ("log_index", I), ("name", T), ("value", T)],
        r => [r.Block, r.LogIndex, r.Name, r.Value]);
    private static readonly BulkStatement<BlockRow> Blocks = new("blocks",
        [("number", B), ("hash", T), ("parent_hash", T), ("timestamp", B), ("events", I)],
        r => [r.Number, r.Hash, r.ParentHash, r.Timestamp, r.Events],
        "ON CONFLICT (number) DO UPDATE SET hash = excluded.hash, parent_hash = excluded.parent_hash, timestamp = excluded.timestamp, events = excluded.events");

    private static readonly BulkStatement<OperatorRow> Operators = State(OperatorEvents, 0);
    private static readonly BulkStatement<CollateralUpdateRow> Balances = State(CollateralUpdates, 1);
    private static readonly BulkStatement<PositionUpdateRow> Positions = State(PositionUpdates, 2);
    private static readonly BulkStatement<PriceUpdateRow> Prices = State(PriceUpdates, 3);
    private static readonly BulkStatement<MarketRow> Markets = State(MarketEvents, 4);
    private static readonly BulkStatement<CollateralRow> Collaterals = State(CollateralEvents, 5);
    private static readonly BulkStatement<CorrelationRow> Correlations = State(CorrelationEvents, 6);
    private static readonly BulkStatement<GlobalRow> Globals = State(GlobalEvents, 7);

    private const string SelectCollateralIndex = "SELECT idx FROM collaterals WHERE asset = @asset";
    private const string PruneBlocks = "DELETE FROM blocks WHERE number < @floor AND events = 0";
    private const string UpsertCheckpoint =
        "INSERT INTO checkpoint (id, block, hash) VALUES (1, @Block, @Hash) ON CONFLICT (id) DO UPDATE SET block = excluded.block, hash = excluded.hash";

    /// <param name="assets">decimals of the tokens and feeds first listed in this range.</param>
    /// <param name="windowFloor">headers below this block without events are pruned (finalised).</param>
    public static async Task WriteAsync(DbConnection connection, FetchedRange range, IReadOnlyList<AssetRow> assets, long windowFloor, CancellationToken ct)
    {
        var e = range.Events;
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        await Assets.WriteAsync(connection, tx, assets, ct).ConfigureAwait(false);
        await Accounts.WriteAsync(connection, tx, e.Accounts, ct).ConfigureAwait(false);
        await OperatorEvents.WriteAsync(connection, tx, e.Operators, ct).ConfigureAwait(false);
        await Operators.WriteAsync(connection, tx, Latest(e.Operators, r => (r.Account, r.Operator)), ct).ConfigureAwait(false);
        await CollateralUpdates.WriteAsync(connection, tx, e.CollateralUpdates, ct).ConfigureAwait(false);
        await Balances.WriteAsync(connection, tx, Latest(e.CollateralUpdates, r => (r.Account, r.Asset)), ct).ConfigureAwait(false);
        await PositionUpdates.WriteAsync(connection, tx, e.PositionUpdates, ct).ConfigureAwait(false);
        await Positions.WriteAsync(connection, tx, Latest(e.PositionUpdates, r => (r.Account, r.Market)), ct).ConfigureAwait(false);
        await Liquidations.WriteAsync(connection, tx, e.Liquidations, ct).ConfigureAwait(false);
        await CollateralLiquidations.WriteAsync(connection, tx, e.CollateralLiquidations, ct).ConfigureAwait(false);
        await BadDebts.WriteAsync(connection, tx, e.BadDebts, ct).ConfigureAwait(false);
        await PriceUpdates.WriteAsync(connection, tx, e.PriceUpdates, ct).ConfigureAwait(false);
        await Prices.WriteAsync(connection, tx, Latest(e.PriceUpdates, r => r.Feed), ct).ConfigureAwait(false);
        await MarketEvents.WriteAsync(connection, tx, e.Markets, ct).ConfigureAwait(false);
        await Markets.WriteAsync(connection, tx, Latest(e.Markets, r => r.Market), ct).ConfigureAwait(false);
        var collaterals = await ResolveIndicesAsync(connection, tx, e.Collaterals).ConfigureAwait(false);
        await CollateralEvents.WriteAsync(connection, tx, collaterals, ct).ConfigureAwait(false);
        await Collaterals.WriteAsync(connection, tx, Latest(collaterals, r => r.Asset), ct).ConfigureAwait(false);
        await CorrelationEvents.WriteAsync(connection, tx, e.Correlations, ct).ConfigureAwait(false);
        await Correlations.WriteAsync(connection, tx, Latest(e.Correlations, r => (r.I, r.J)), ct).ConfigureAwait(false);
        await GlobalEvents.WriteAsync(connection, tx, e.Globals, ct).ConfigureAwait(false);
        await Globals.WriteAsync(connection, tx, Latest(e.Globals, r => r.Name), ct).ConfigureAwait(false);
        var blocks = range.Headers.Values.OrderBy(h => h.Number).Select(h => new BlockRow(
            (long)h.Number, h.Hash.ToString(), h.ParentHash.ToString(), (long)h.Timestamp, e.EventsPerBlock.GetValueOrDefault((long)h.Number))).ToList();
        await Blocks.WriteAsync(connection, tx, blocks, ct).ConfigureAwait(false);
        await connection.ExecuteAsync(PruneBlocks, new { floor = windowFloor }, tx).ConfigureAwait(false);
        await connection.ExecuteAsync(UpsertCheckpoint, new Checkpoint((long)range.To, range.Last.Hash.ToString()), tx).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
    }

    private static BulkStatement<T> State<T>(BulkStatement<T> history, int derived)
    {
        var table = DerivedTable.All[derived];
        return history.Project(table.State, table.StateColumns, table.UpsertConflict);
    }

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
