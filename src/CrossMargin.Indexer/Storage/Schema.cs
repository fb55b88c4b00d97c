namespace CrossMargin.Indexer.Storage;

/// <summary>
/// The one schema definition, as numbered migrations applied in order to SQLite and PostgreSQL alike. The only
/// dialect differences are two type tokens: {U} is an exact 256-bit integer (TEXT decimal in SQLite, NUMERIC(78,0)
/// in PostgreSQL) and {B} a 64-bit integer. Every row written from an event carries (block, log_index), which is
/// what makes reorg rollback exact (see <see cref="Rollback"/>). Append a migration; never edit a shipped one.
/// </summary>
internal static class Schema
{
    public static IReadOnlyList<string> Migrations { get; } =
    [
        // 1: initial schema.
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE checkpoint (id INTEGER PRIMARY KEY, block {B} NOT NULL, hash TEXT NOT NULL);
        CREATE TABLE blocks (number {B} PRIMARY KEY, hash TEXT NOT NULL, parent_hash TEXT NOT NULL, timestamp {B} NOT NULL, events INTEGER NOT NULL);
        CREATE TABLE assets (address TEXT PRIMARY KEY, decimals INTEGER NOT NULL, block {B} NOT NULL);

        CREATE TABLE accounts (id {B} PRIMARY KEY, owner TEXT NOT NULL, mode INTEGER NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL);
        CREATE INDEX accounts_owner ON accounts (owner, id);
        CREATE INDEX accounts_block ON accounts (block);

        CREATE TABLE operator_events (block {B} NOT NULL, log_index INTEGER NOT NULL, account {B} NOT NULL, operator TEXT NOT NULL, approved INTEGER NOT NULL, PRIMARY KEY (block, log_index));
        CREATE TABLE operators (account {B} NOT NULL, operator TEXT NOT NULL, approved INTEGER NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL, PRIMARY KEY (account, operator));

        CREATE TABLE collateral_updates (block {B} NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, account {B} NOT NULL, asset TEXT NOT NULL, delta {U} NOT NULL, balance {U} NOT NULL, reason INTEGER NOT NULL, PRIMARY KEY (block, log_index));
        CREATE INDEX collateral_updates_account ON collateral_updates (account, block);
        CREATE TABLE balances (account {B} NOT NULL, asset TEXT NOT NULL, balance {U} NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL, PRIMARY KEY (account, asset));
        CREATE INDEX balances_block ON balances (block);

        CREATE TABLE position_updates (block {B} NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, account {B} NOT NULL, market INTEGER NOT NULL, size_delta {U} NOT NULL, price {U} NOT NULL, size {U} NOT NULL, open_notional {U} NOT NULL, realized_pnl {U} NOT NULL, fee {U} NOT NULL, PRIMARY KEY (block, log_index));
        CREATE INDEX position_updates_account ON position_updates (account, block);
        CREATE TABLE positions (account {B} NOT NULL, market INTEGER NOT NULL, size {U} NOT NULL, open_notional {U} NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL, PRIMARY KEY (account, market));
        CREATE INDEX positions_market ON positions (market, account);
        CREATE INDEX positions_block ON positions (block);

        CREATE TABLE liquidations (block {B} NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, account {B} NOT NULL, liquidator TEXT NOT NULL, fraction {U} NOT NULL, penalty {U} NOT NULL, reward {U} NOT NULL, insurance_fund {U} NOT NULL, PRIMARY KEY (block, log_index));
        CREATE INDEX liquidations_account ON liquidations (account, block);
        CREATE TABLE collateral_liquidations (block {B} NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, account {B} NOT NULL, liquidator TEXT NOT NULL, asset TEXT NOT NULL, repaid {U} NOT NULL, seized {U} NOT NULL, PRIMARY KEY (block, log_index));
        CREATE INDEX collateral_liquidations_account ON collateral_liquidations (account, block);
        CREATE TABLE bad_debts (block {B} NOT NULL, log_index INTEGER NOT NULL, tx_hash TEXT NOT NULL, account {B} NOT NULL, amount {U} NOT NULL, from_insurance {U} NOT NULL, socialized {U} NOT NULL, insurance_fund {U} NOT NULL, PRIMARY KEY (block, log_index));
        CREATE INDEX bad_debts_account ON bad_debts (account, block);

        CREATE TABLE price_updates (block {B} NOT NULL, log_index INTEGER NOT NULL, feed TEXT NOT NULL, round {U} NOT NULL, answer {U} NOT NULL, updated_at {B} NOT NULL, PRIMARY KEY (block, log_index));
        CREATE INDEX price_updates_feed ON price_updates (feed, block);
        CREATE TABLE prices (feed TEXT PRIMARY KEY, round {U} NOT NULL, answer {U} NOT NULL, updated_at {B} NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL);

        CREATE TABLE market_events (block {B} NOT NULL, log_index INTEGER NOT NULL, market INTEGER NOT NULL, aggregator TEXT NOT NULL, heartbeat {B} NOT NULL, imf {U} NOT NULL, mmf {U} NOT NULL, sigma {U} NOT NULL, liquidation_fee {U} NOT NULL, taker_fee {U} NOT NULL, max_open_interest {U} NOT NULL, PRIMARY KEY (block, log_index));
        CREATE TABLE markets (market INTEGER PRIMARY KEY, aggregator TEXT NOT NULL, heartbeat {B} NOT NULL, imf {U} NOT NULL, mmf {U} NOT NULL, sigma {U} NOT NULL, liquidation_fee {U} NOT NULL, taker_fee {U} NOT NULL, max_open_interest {U} NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL);

        CREATE TABLE collateral_events (block {B} NOT NULL, log_index INTEGER NOT NULL, asset TEXT NOT NULL, idx INTEGER NOT NULL, aggregator TEXT NOT NULL, heartbeat {B} NOT NULL, hm {U} NOT NULL, hi {U} NOT NULL, bonus {U} NOT NULL, linked_market INTEGER NOT NULL, cap {U} NOT NULL, PRIMARY KEY (block, log_index));
        CREATE TABLE collaterals (asset TEXT PRIMARY KEY, idx INTEGER NOT NULL, aggregator TEXT NOT NULL, heartbeat {B} NOT NULL, hm {U} NOT NULL, hi {U} NOT NULL, bonus {U} NOT NULL, linked_market INTEGER NOT NULL, cap {U} NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL);

        CREATE TABLE correlation_events (block {B} NOT NULL, log_index INTEGER NOT NULL, i INTEGER NOT NULL, j INTEGER NOT NULL, rho {U} NOT NULL, PRIMARY KEY (block, log_index));
        CREATE TABLE correlations (i INTEGER NOT NULL, j INTEGER NOT NULL, rho {U} NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL, PRIMARY KEY (i, j));

        CREATE TABLE global_events (block {B} NOT NULL, log_index INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (block, log_index, name));
        CREATE TABLE globals (name TEXT PRIMARY KEY, value TEXT NOT NULL, block {B} NOT NULL, log_index INTEGER NOT NULL);
        """,
    ];

    public static string For(string migration, DatabaseKind kind) => kind == DatabaseKind.Postgres
        ? migration.Replace("{U}", "NUMERIC(78,0)", StringComparison.Ordinal).Replace("{B}", "BIGINT", StringComparison.Ordinal)
        : migration.Replace("{U}", "TEXT", StringComparison.Ordinal).Replace("{B}", "INTEGER", StringComparison.Ordinal);
}
