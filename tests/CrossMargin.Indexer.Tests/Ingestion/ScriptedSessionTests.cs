using CrossMargin.Indexer.Storage;
using CrossMargin.Indexer.Tests.Fixtures;
using Dapper;

namespace CrossMargin.Indexer.Tests.Ingestion;

/// <summary>The scripted devnet session indexed into SQLite and PostgreSQL equals the chain, and both databases equal each other.</summary>
[Collection(ScriptedDevnetCollection.Name)]
public sealed class ScriptedSessionTests(ScriptedDevnet devnet)
{
    [Fact]
    public async Task Backfill_Sqlite_MatchesChain()
    {
        using var file = new TempSqlite();
        await IndexRun.BackfillAsync(IndexRun.Options(devnet.RpcUrl, devnet.Deployment, file.ConnectionString));
        await ChainComparison.AssertMatchesChainAsync(new IndexerDatabase(file.ConnectionString), devnet.Devnet, CancellationToken.None);
        await AssertEveryEventKindAsync(new IndexerDatabase(file.ConnectionString));
    }

    [Fact]
    public async Task Backfill_Postgres_MatchesChainAndSqlite()
    {
        var pg = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        using var file = new TempSqlite();
        await IndexRun.BackfillAsync(IndexRun.Options(devnet.RpcUrl, devnet.Deployment, pg));
        await IndexRun.BackfillAsync(IndexRun.Options(devnet.RpcUrl, devnet.Deployment, file.ConnectionString));
        await ChainComparison.AssertMatchesChainAsync(new IndexerDatabase(pg), devnet.Devnet, CancellationToken.None);
        Assert.Equal(
            await DatabaseDump.DumpAsync(new IndexerDatabase(file.ConnectionString), CancellationToken.None),
            await DatabaseDump.DumpAsync(new IndexerDatabase(pg), CancellationToken.None));
    }

    [Fact]
    public async Task Backfill_TinyRanges_SameDatabaseAsOneRange()
    {
        using var small = new TempSqlite();
        using var large = new TempSqlite();
        await IndexRun.BackfillAsync(IndexRun.Options(devnet.RpcUrl, devnet.Deployment, small.ConnectionString) with { InitialSpan = 1, MaxSpan = 3, Concurrency = 3 });
        await IndexRun.BackfillAsync(IndexRun.Options(devnet.RpcUrl, devnet.Deployment, large.ConnectionString) with { InitialSpan = 100_000, MaxSpan = 100_000 });
        Assert.Equal(
            await DatabaseDump.DumpAsync(new IndexerDatabase(small.ConnectionString), CancellationToken.None),
            await DatabaseDump.DumpAsync(new IndexerDatabase(large.ConnectionString), CancellationToken.None));
    }

    private static async Task AssertEveryEventKindAsync(IndexerDatabase db)
    {
        await using var c = await db.OpenReadAsync(CancellationToken.None);
        foreach (var table in new[] { "operator_events", "collateral_updates", "position_updates", "liquidations", "collateral_liquidations", "bad_debts", "price_updates", "market_events", "collateral_events", "correlation_events" })
            Assert.True(await c.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}") > 0, $"{table} is empty");
    }
}
