using CrossMargin.Indexer.Storage;
using CrossMargin.Indexer.Tests.Fixtures;

namespace CrossMargin.Indexer.Tests.Ingestion;

/// <summary>eth_getLogs ranges split on a provider's "too many results" answer, using the range it suggests.</summary>
[Collection(ScriptedDevnetCollection.Name)]
public sealed class ProviderLimitTests(ScriptedDevnet devnet)
{
    [Fact]
    public async Task Backfill_ProviderRefusesLargeRanges_SplitsAndIndexesTheSame()
    {
        await using var proxy = new LimitingProxy(devnet.RpcUrl, maxSpan: 4, suggestedSpan: 3);
        await proxy.StartAsync();
        using var limited = new TempSqlite();
        using var direct = new TempSqlite();
        await IndexRun.BackfillAsync(IndexRun.Options(proxy.Url, devnet.Deployment, limited.ConnectionString) with { InitialSpan = 1_000 });
        await IndexRun.BackfillAsync(IndexRun.Options(devnet.RpcUrl, devnet.Deployment, direct.ConnectionString));
        Assert.InRange(proxy.Refused, 1, 40);
        Assert.Equal(
            await DatabaseDump.DumpAsync(new IndexerDatabase(direct.ConnectionString), default),
            await DatabaseDump.DumpAsync(new IndexerDatabase(limited.ConnectionString), default));
    }
}
