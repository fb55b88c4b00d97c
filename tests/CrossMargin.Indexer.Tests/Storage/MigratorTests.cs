using CrossMargin.Indexer.Storage;
using CrossMargin.Indexer.Tests.Fixtures;
using Dapper;

namespace CrossMargin.Indexer.Tests.Storage;

/// <summary>`crossmargin up` starts the API and the indexer together; both migrate the same fresh database.</summary>
public sealed class MigratorTests
{
    [Fact]
    public async Task MigrateAsync_ConcurrentOnFreshSqliteFile_BothSucceedAndEachVersionIsRecordedOnce()
    {
        using var file = new TempSqlite();
        await AssertConcurrentMigrationsAsync(new IndexerDatabase(file.ConnectionString));
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentOnFreshPostgresDatabase_BothSucceedAndEachVersionIsRecordedOnce()
    {
        var pg = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        await AssertConcurrentMigrationsAsync(new IndexerDatabase(pg));
    }

    private static async Task AssertConcurrentMigrationsAsync(IndexerDatabase db)
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Migrator.MigrateAsync(db, CancellationToken.None))));
        Assert.All(runs, version => Assert.Equal(Schema.Migrations.Count, version));
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var versions = (await connection.QueryAsync<int>("SELECT version FROM schema_version ORDER BY version")).ToList();
        Assert.Equal(Enumerable.Range(1, Schema.Migrations.Count), versions);
    }
}
