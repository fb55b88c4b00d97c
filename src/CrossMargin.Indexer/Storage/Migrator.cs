using Dapper;

namespace CrossMargin.Indexer.Storage;

/// <summary>
/// Applies <see cref="Schema.Migrations"/> not yet recorded in schema_version, each in its own transaction. The API and
/// the indexer may migrate the same fresh database at once (`crossmargin up` starts both): each step re-reads the
/// version under the database's write lock (SQLite: BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock),
/// so the second migrator finds the work done instead of failing on "table already exists".
/// </summary>
internal static class Migrator
{
    private const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)";
    private const string SelectVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
    private const string InsertVersion = "INSERT INTO schema_version (version) VALUES (@version)";
    private const string PostgresLock = "SELECT pg_advisory_xact_lock(7283001)";

    /// <summary>For a reader that must not migrate: fails, naming the problem, unless the schema is at <see cref="Schema.Migrations"/>' last version.</summary>
    public static async Task RequireCurrentAsync(IndexerDatabase db, CancellationToken ct)
    {
        await using var connection = await db.OpenReadAsync(ct).ConfigureAwait(false);
        int version;
        try
        {
            version = await connection.ExecuteScalarAsync<int>(SelectVersion).ConfigureAwait(false);
        }
        catch (System.Data.Common.DbException)
        {
            throw new InvalidOperationException("no index in this database (no schema_version table): start `crossmargin index` on it first");
        }
        if (version != Schema.Migrations.Count)
            throw new InvalidOperationException($"the index has schema version {version}, this build reads version {Schema.Migrations.Count}: let `crossmargin index` of this build migrate it first");
    }

    public static async Task<int> MigrateAsync(IndexerDatabase db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await using (var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false))
        {
            if (db.Kind == DatabaseKind.Postgres)
                await connection.ExecuteAsync(PostgresLock, transaction: tx).ConfigureAwait(false);
            await connection.ExecuteAsync(CreateVersionTable, transaction: tx).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        for (var version = 1; version <= Schema.Migrations.Count; version++)
        {
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            if (db.Kind == DatabaseKind.Postgres)
                await connection.ExecuteAsync(PostgresLock, transaction: tx).ConfigureAwait(false);
            if (await connection.ExecuteScalarAsync<int>(SelectVersion, transaction: tx).ConfigureAwait(false) >= version)
                continue;
            await connection.ExecuteAsync(Schema.For(Schema.Migrations[version - 1], db.Kind), transaction: tx).ConfigureAwait(false);
            await connection.ExecuteAsync(InsertVersion, new { version }, tx).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        return Schema.Migrations.Count;
    }
}
