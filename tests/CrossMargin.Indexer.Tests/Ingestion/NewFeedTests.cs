using System.Numerics;
using System.Text.Json;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Storage;
using CrossMargin.Indexer.Tests.Fixtures;

namespace CrossMargin.Indexer.Tests.Ingestion;

/// <summary>
/// A market listed while the indexer follows the chain names an aggregator the deployment did not: its AnswerUpdated
/// prices must be indexed from the listing on, and the index must equal a fresh backfill (which meets the listing mid-range).
/// </summary>
public sealed class NewFeedTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Follow_MarketListedMidRun_ItsPricesIndexedAndEqualFreshBackfill()
    {
        await using var f = await FollowingDevnet.StartAsync();
        var d = f.Devnet;
        var avax = await d.DeployAsync(Artifacts.Aggregator, default, 8, "AVAX / USD", 30_00000000L);
        await d.SetPriceAsync(avax, 31_00000000L, default); // before the listing: not followed yet, not indexed
        var listing = await d.SendAsync(d.Engine, Artifacts.Engine.GetFunction("listMarket").EncodeCall((object)Market(avax)), default);
        for (var k = 0; k < 3; k++)
            await d.SetPriceAsync(avax, 32_00000000L + k, default);
        await f.WaitIndexedAtHeadAsync();

        using var doc = JsonDocument.Parse(await Http.GetStringAsync(new Uri(f.Api.Url, "/prices/4")));
        var price = doc.RootElement;
        Assert.Equal(avax.ToString(), price.GetProperty("feed").GetString());
        Assert.Equal("3200000002", price.GetProperty("latest").GetProperty("answer").GetString());
        var history = price.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["3200000002", "3200000001", "3200000000"], history.Select(h => h.GetProperty("answer").GetString()));
        Assert.All(history, h => Assert.True(h.GetProperty("block").GetInt64() > (long)listing.BlockNumber));

        using var fresh = new TempSqlite();
        await IndexRun.BackfillAsync(IndexRun.Options(new Uri(f.RpcUrl), DevnetDeployment.Of(d), fresh.ConnectionString));
        Assert.Equal(
            await DatabaseDump.DumpAsync(new IndexerDatabase(fresh.ConnectionString), default),
            await DatabaseDump.DumpAsync(new IndexerDatabase(f.ConnectionString), default));
    }

    private static object[] Market(CrossMargin.Ethereum.Primitives.Address feed) =>
        [feed.ToArray(), 86_400, DevnetOwner.Frac(0.2), DevnetOwner.Frac(0.1), DevnetOwner.Frac(0.2), DevnetOwner.Frac(0.02), DevnetOwner.Frac(0.0005), 1_000_000 * DevnetOwner.Wad];
}
