using System.Net;
using CrossMargin.Cli.Stack;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Tests.Stack;

/// <summary>
/// `crossmargin index` and `crossmargin serve` as processes on one PostgreSQL: the indexer follows the chain, two
/// read-only API replicas answer from what it commits; all three stop cleanly on SIGTERM.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class IndexServeTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task IndexAndTwoServes_Postgres_AccountOpenedAfterTheyStartedIsServedByBoth()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var envA = new StackTestEnvironment();
        using var envB = new StackTestEnvironment();
        await using var anvil = await AnvilNode.StartThrowawayAsync(cts.Token);
        var dir = Directory.CreateTempSubdirectory("crossmargin-index-serve-").FullName;
        try
        {
            var deploymentFile = Path.Combine(dir, "deployment.json");
            var deployment = await DevnetDeployment.DeployAsync(anvil.Rpc, deploymentFile, cts.Token);
            var postgres = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();

            await using var index = new CliProcess("index", "--rpc-url", anvil.HttpUrl.ToString(), "--ws-url", anvil.WsUrl.ToString(),
                "--deployment", deploymentFile, "--postgres", postgres, "--data-dir", dir);
            await index.WaitForAsync("Backfill complete", Startup);
            Assert.Contains($"==> indexing engine {deployment.Engine} and 3 feeds from {anvil.HttpUrl} into PostgreSQL", index.Output, StringComparison.Ordinal);
            await using var serveA = new CliProcess("serve", "--postgres", postgres, "--api-port", $"{envA.ApiPort}");
            await using var serveB = new CliProcess("serve", "--postgres", postgres, "--api-port", $"{envB.ApiPort}");
            await serveA.WaitForAsync("==> press Ctrl-C to stop", Startup);
            await serveB.WaitForAsync("==> press Ctrl-C to stop", Startup);
            Assert.Contains("read-only from PostgreSQL", serveA.Output, StringComparison.Ordinal);
            var a = new Uri($"http://127.0.0.1:{envA.ApiPort}/accounts/1");
            var b = new Uri($"http://127.0.0.1:{envB.ApiPort}/accounts/1");
            Assert.Equal(HttpStatusCode.NotFound, (await Http.GetAsync(a, cts.Token)).StatusCode);

            // Opened after all three started: only the following indexer can bring it to the replicas.
            await anvil.Rpc.SendTransactionAsync(new CallRequest
            {
                From = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906"), // anvil dev account 3
                To = deployment.Engine,
                Data = E.OpenAccountFunction.Encode((byte)MarginMode.Portfolio),
            }, cts.Token);
            await UpTests.WaitUntilAsync(async () => (await Http.GetAsync(a, cts.Token)).StatusCode == HttpStatusCode.OK, "account 1 on serve A");
            await UpTests.WaitUntilAsync(async () => (await Http.GetAsync(b, cts.Token)).StatusCode == HttpStatusCode.OK, "account 1 on serve B");
            var fromA = await Http.GetStringAsync(a, cts.Token);
            Assert.Contains("\"owner\":\"0x90F79bf6EB2c4f870365E785982E1f101E93b906\"", fromA, StringComparison.Ordinal);
            Assert.Equal(fromA, await Http.GetStringAsync(b, cts.Token));

            Assert.Equal(0, await serveA.TerminateAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(0, await serveB.TerminateAsync(TimeSpan.FromSeconds(60)));
            Assert.Equal(0, await index.TerminateAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("==> stopped", serveA.Output, StringComparison.Ordinal);
            Assert.Contains("==> stopped at block", index.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_DatabaseWithoutAnIndex_RefusesAndCreatesNothing()
    {
        var postgres = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        using var env = new StackTestEnvironment();
        await using var serve = new CliProcess("serve", "--postgres", postgres, "--api-port", $"{env.ApiPort}");
        Assert.Equal(1, await serve.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("crossmargin serve: no index in this database (no schema_version table): start `crossmargin index` on it first", serve.Output, StringComparison.Ordinal);
        await using var pg = new Npgsql.NpgsqlConnection(postgres);
        await pg.OpenAsync();
        await using var tables = new Npgsql.NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", pg);
        Assert.Equal(0L, (long)(await tables.ExecuteScalarAsync())!);
    }
}
