using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CrossMargin.Indexer.Storage;

/// <summary>
/// Opens connections to the index. A connection string starting with "Host=" (or containing "Host=") is PostgreSQL;
/// anything else is SQLite ("Data Source=file.db" or a bare path). SQLite connections run in WAL mode with
/// synchronous=NORMAL: a killed process loses at most the open transaction, never a committed one.
/// </summary>
public sealed class IndexerDatabase
{
    static IndexerDatabase() => NumericTypeHandlers.Register();

    public IndexerDatabase(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Kind = connectionString.Contains("Host=", StringComparison.OrdinalIgnoreCase) ? DatabaseKind.Postgres : DatabaseKind.Sqlite;
        ConnectionString = Kind == DatabaseKind.Sqlite && !connectionString.Contains('=')
            ? new SqliteConnectionStringBuilder { DataSource = connectionString, Pooling = true }.ToString()
            : connectionString;
    }

    /// <summary>
    /// The same database for a reader that must never write: PostgreSQL sessions start every transaction read-only
    /// (default_transaction_read_only), SQLite opens the file read-only.
    /// </summary>
    public static IndexerDatabase ReadOnly(string connectionString)
    {
        var db = new IndexerDatabase(connectionString);
        return new IndexerDatabase(db.Kind == DatabaseKind.Postgres
            ? new NpgsqlConnectionStringBuilder(db.ConnectionString) { Options = "-c default_transaction_read_only=on" }.ToString()
            : new SqliteConnectionStringBuilder(db.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ToString());
    }

    public DatabaseKind Kind { get; }

    public string ConnectionString { get; }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        DbConnection connection = Kind == DatabaseKind.Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        if (Kind == DatabaseKind.Sqlite)
            await connection.ExecuteAsync(SqlitePragmas).ConfigureAwait(false);
        return connection;
    }

    /// <summary>A connection for queries: no per-open pragmas (WAL is a property of the file once set by the writer).</summary>
    public async Task<DbConnection> OpenReadAsync(CancellationToken ct)
    {
        DbConnection connection = Kind == DatabaseKind.Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        await connection.OpenAsync(ct).ConfigureAwait(false);
        return connection;
    }

    // cache_size 64 MiB (negative = KiB): the history tables' (account, block) indexes are updated at random pages, and
    // the default 2 MiB cache re-reads them from the OS for every batch.
    private const string SqlitePragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=OFF; PRAGMA cache_size=-65536;";
}
