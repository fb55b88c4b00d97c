using System.Net;
using System.Text.Json;
using CrossMargin.Cli.Stack;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;
using Microsoft.Extensions.Logging.Abstractions;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Tests.Stack;

/// <summary>`crossmargin up` on a real Anvil: serves, stops cleanly on SIGTERM, and a second start resumes everything.</summary>
[Collection(StackCollection.Name)]
public sealed class UpTests
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Up_SigtermThenSecondUp_ResumesWithoutRedeployAndFromCheckpoints()
    {
        using var env = new StackTestEnvironment();
        var api = new Uri($"http://127.0.0.1:{env.ApiPort}/");
        ulong blockAtStop;
        string engine;
        await using (var up = new CliProcess(["up", .. env.Arguments]))
        {
            await up.WaitForAsync("press Ctrl-C to stop", Startup);
            Assert.Contains("deploying and configuring contracts", up.Output, StringComparison.Ordinal);
            await WaitUntilAsync(async () => await GetAsync(api, "ready") == HttpStatusCode.OK, "API /ready");
            Assert.Equal(HttpStatusCode.OK, await GetAsync(api, "accounts"));
            var metrics = await Http.GetStringAsync(new Uri($"http://127.0.0.1:{env.KeeperMetricsPort}/metrics"));
            Assert.Contains("keeper_book_accounts", metrics, StringComparison.Ordinal);

            // Activity the indexer must keep across the restart: one account opened by dev account 3.
            engine = Contracts.Deployment.Load(Path.Combine(env.DataDir, "deployment.json")).Engine.ToString();
            var rpc = new JsonRpcClient(Http, new Uri($"http://127.0.0.1:{env.AnvilPort}"));
            await rpc.SendTransactionAsync(new CallRequest
            {
                From = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906"),
                To = Address.Parse(engine),
                Data = E.OpenAccountFunction.Encode((byte)MarginMode.Cross),
            }, CancellationToken.None);
            await WaitUntilAsync(async () => (await Http.GetStringAsync(new Uri(api, "accounts"))).Contains("\"id\":1", StringComparison.Ordinal), "account 1 indexed");
            blockAtStop = await rpc.BlockNumberAsync(CancellationToken.None);

            Assert.Equal(0, await up.TerminateAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("==> stopped", up.Output, StringComparison.Ordinal);
        }
        Assert.True(File.Exists(Path.Combine(env.DataDir, "anvil-state.json")), "anvil state saved");
        Assert.True(File.Exists(Path.Combine(env.DataDir, "keeper", "checkpoint.json")), "keeper checkpoint written");

        var lines = new List<string>();
        await using (var again = await DevStack.StartAsync(env.Options, NullLoggerFactory.Instance, lines.Add, CancellationToken.None))
        {
            Assert.True(again.Resumed, "second up must not redeploy");
            Assert.Contains("contracts already deployed (resuming)", lines);
            Assert.Equal(engine, again.Deployment.Engine.ToString());
            Assert.True(await again.Rpc.BlockNumberAsync(CancellationToken.None) >= blockAtStop, "chain state restored");
            Assert.True(again.Keeper!.Resumed, "keeper resumed from its checkpoint");
            Assert.Equal(1, again.Keeper.BookSize);
            await WaitUntilAsync(() => Task.FromResult(again.Indexer.Status.IsReady), "indexer ready");
            // Resumed from its checkpoint: nothing before the stop is indexed a second time.
            Assert.Equal(0, again.Indexer.Status.EventsTotal);
            Assert.True(again.Indexer.Status.IndexedBlock >= (long)blockAtStop);
            using var doc = JsonDocument.Parse(await Http.GetStringAsync(new Uri(again.ApiUrl, "stats")));
            Assert.Equal(1, doc.RootElement.GetProperty("accounts").GetInt64());
        }
    }

    [Fact]
    public async Task UpCommand_Cancelled_StopsCleanlyAndReturnsZero()
    {
        using var env = new StackTestEnvironment();
        var output = new StringWriter();
        var synced = TextWriter.Synchronized(output);
        using var cts = new CancellationTokenSource();
        var run = CrossMargin.Cli.Commands.UpCommand.RunAsync(env.Options, synced, cts.Token);
        await WaitUntilAsync(() => Task.FromResult(run.IsCompleted || output.ToString().Contains("press Ctrl-C to stop", StringComparison.Ordinal)), "up banner");
        Assert.False(run.IsCompleted, output.ToString());
        await cts.CancelAsync();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.EndsWith("==> stopped" + Environment.NewLine, output.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(env.DataDir, "anvil.pid")), "anvil stopped");
        Assert.True(File.Exists(Path.Combine(env.DataDir, "anvil-state.json")), "anvil state saved");
    }

    [Fact]
    public async Task Up_DeployedByAnOlderContractBuild_DeploysTheNewBuildInsteadOfResuming()
    {
        using var env = new StackTestEnvironment();
        var options = env.Options with { Keeper = false };
        Address first;
        await using (var up = await DevStack.StartAsync(options, NullLoggerFactory.Instance, _ => { }, CancellationToken.None))
            first = up.Deployment.Engine;
        // What a pull that changed the contracts looks like to the data directory: the recorded build no longer matches abi/.
        await File.WriteAllTextAsync(Path.Combine(env.DataDir, "deployment.json.build"), "an older build");

        var lines = new List<string>();
        await using (var again = await DevStack.StartAsync(options, NullLoggerFactory.Instance, lines.Add, CancellationToken.None))
        {
            Assert.False(again.Resumed, "a devnet from another contract build is not resumed");
            Assert.NotEqual(first, again.Deployment.Engine);
            Assert.Contains(lines, l => l.Contains("contracts changed", StringComparison.Ordinal));
        }
        await using (var third = await DevStack.StartAsync(options, NullLoggerFactory.Instance, _ => { }, CancellationToken.None))
            Assert.True(third.Resumed, "the new deployment recorded this build");
    }

    [Fact]
    public async Task Up_CliKilled_NextUpStopsTheOrphanNodeAndResumes()
    {
        using var env = new StackTestEnvironment();
        await using (var up = new CliProcess(["up", "--no-keeper", .. env.Arguments]))
        {
            await up.WaitForAsync("press Ctrl-C to stop", Startup);
            await up.KillAsync();
        }
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(env.DataDir, "anvil.pid")), System.Globalization.CultureInfo.InvariantCulture);
        using var orphan = System.Diagnostics.Process.GetProcessById(pid);
        Assert.False(orphan.HasExited, "the killed CLI's anvil keeps running (own session)");

        await using (var again = await DevStack.StartAsync(env.Options with { Keeper = false }, NullLoggerFactory.Instance, _ => { }, CancellationToken.None))
        {
            Assert.True(orphan.HasExited, "the orphan node was stopped before a new one started");
            Assert.True(again.Resumed, "its saved state still holds the deployment");
        }
        Assert.False(File.Exists(Path.Combine(env.DataDir, "anvil.pid")), "a clean stop removes the pid file");
    }

    private static async Task<HttpStatusCode> GetAsync(Uri api, string path)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri(api, path));
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return HttpStatusCode.ServiceUnavailable;
        }
    }

    /// <summary>Polls a condition (bounded), failing with <paramref name="what"/>.</summary>
    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (timeout.IsCancellationRequested)
                throw new TimeoutException($"{what}: not reached within 60 s");
            await Task.Delay(TimeSpan.FromMilliseconds(50)); // poll interval of a bounded condition wait
        }
    }
}
