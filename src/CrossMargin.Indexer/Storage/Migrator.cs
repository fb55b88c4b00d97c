using Dapper;

namespace CrossMargin.Indexer.Storage;

/// <summary>Applies <see cref="Schema.Migrations"/> not yet recorded in schema_version, each in its own transaction.</summary>
internal static class Migrator
{
    private const string CreateVersionTable = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY)";
    private const string SelectVersion = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
    private const string InsertVersion = "INSERT INTO schema_version (version) VALUES (@version)";

    public static async Task<int> MigrateAsync(IndexerDatabase db, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync(CreateVersionTable).ConfigureAwait(false);
        var current = await connection.ExecuteScalarAsync<int>(SelectVersion).ConfigureAwait(false);
        for (var version = current + 1; version <= Schema.Migrations.Count; version++)
        {
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await connection.ExecuteAsync(Schema.For(Schema.Migrations[version - 1], db.Kind), transaction: tx).ConfigureAwait(false);
            await connection.ExecuteAsync(InsertVersion, new { version }, tx).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        return Schema.Migrations.Count;
    }
}
