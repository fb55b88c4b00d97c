// Indexer and API benchmarks on a local Anvil (not part of the test run):
//   dotnet run -c Release --project benchmarks/CrossMargin.Indexer.Benchmarks [events=250000] [sqlite]
// ("sqlite" stops after the SQLite backfill: the quick loop while working on the writer.)
// 1. backfill events/s into SQLite and PostgreSQL, 2. head-following lag (newHeads → committed), 3. GET /accounts/{id}
// under wrk (apt: wrk) with random ids. Prints markdown for docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Hosting;

var targetEvents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 250_000;
var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
await using var anvil = await AnvilNode.StartAsync(extraArgs: ["--gas-limit", "1000000000"]);
var rpc = new JsonRpcClient(http, anvil.HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(10) });
var devnet = new DevnetOwner(rpc, anvil.Accounts[0]);
await devnet.DeployAsync(default);
var deployment = Deployment.Parse(devnet.DeploymentJson());

var sw = Stopwatch.StartNew();
const int Accounts = 2_000;
var caller = await new BookSeeder(devnet, seed: 1).SeedAsync(Accounts, default);
// Fill up with deposits (CollateralUpdated) and price ticks (AnswerUpdated) through the BatchCaller, 200 calls per tx
// (one block each, ~200 indexed events per block),
// until the chain holds targetEvents INDEXED events: engine logs plus AnswerUpdated (each setPrice also emits a NewRound
// log, which the indexer reads and skips, so counting raw logs would overstate the fixture).
var e = Artifacts.Engine;
var feeds = new[] { devnet.EthFeed, devnet.BtcFeed, devnet.SolFeed };
bool Indexed(LogEntry log) => (log.Address == devnet.Engine && !MarginEngineContract.OwnershipTransferredEvent.IsMatch(log.Topics)
    && !MarginEngineContract.OwnershipTransferStartedEvent.IsMatch(log.Topics)) || (feeds.Contains(log.Address) && MockAggregatorContract.AnswerUpdatedEvent.IsMatch(log.Topics));
var logFilter = new LogFilter { Addresses = [devnet.Engine, .. feeds] }.WithRange(0, await rpc.BlockNumberAsync(default));
var produced = (long)(await rpc.GetLogsAsync(logFilter, default)).Count(Indexed);
for (var tx = 0; produced < targetEvents; tx++)
{
    var calls = new List<(Address, byte[])>();
    for (var k = 0; k < 200; k++)
    {
        calls.Add(k % 2 == 0
            ? (devnet.Engine, e.GetFunction("deposit").EncodeCall(1 + (tx * 100 + k / 2) % Accounts, devnet.Usdc.ToArray(), new BigInteger(1_000 + k)))
            : (feeds[k % 3], Artifacts.Aggregator.GetFunction("setPrice").EncodeCall(new BigInteger(2_000_00000000L + tx * 10_000 + k))));
    }
    var data = Artifacts.BatchCaller.GetFunction("run").EncodeCall(calls.Select(c => (object)c.Item1.ToArray()).ToArray(), calls.Select(c => (object)c.Item2).ToArray());
    var receipt = await devnet.SendAsync(caller, data, default, gas: 100_000_000);
    produced += receipt.Logs.Count(Indexed);
}
var head = await rpc.BlockNumberAsync(default);
Console.Error.WriteLine($"chain ready: {produced} indexed events in {head} blocks ({sw.Elapsed.TotalSeconds:F0} s)");

var dir = Directory.CreateTempSubdirectory("cm-bench-").FullName;
var sqlite = $"Data Source={Path.Combine(dir, "index.db")}";
var sqliteRate = await BackfillAsync(sqlite);
var sqliteAgain = await BackfillAsync($"Data Source={Path.Combine(dir, "again.db")}");
if (args.Length > 1 && args[1] == "sqlite")
    return;
var pg = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
var pgRate = await BackfillAsync(pg);
var (lag50, lag99, lagN) = await LagAsync();
var (rps, p50, p99, wrkOut) = await LoadAsync(ticks: false);
var (rpsTicking, p50Ticking, p99Ticking, _) = await LoadAsync(ticks: true);

Console.WriteLine($"""
| figure | result | target |
|---|---:|---:|
| chain | {produced:N0} indexed events in {head:N0} blocks ({Accounts:N0} seeded accounts + BatchCaller deposits and price ticks) | ≥ 250,000 events |
| backfill into SQLite (WAL), two runs | {sqliteRate:N0} and {sqliteAgain:N0} events/s | ≥ 50,000 |
| backfill into PostgreSQL 15 | {pgRate:N0} events/s | |
| head → queryable lag ({lagN} blocks, newHeads) | p50 {lag50:F1} ms, p99 {lag99:F1} ms | p99 ≤ 50 ms |
| GET /accounts/:id (random ids, wrk -t2 -c32 -d15s; API + following indexer in one process) | {rps:N0} req/s, p50 {p50}, p99 {p99} | ≥ 10,000 req/s, p99 ≤ 10 ms |
| same, with an ETH price tick committed every second (each commit drops the view cache) | {rpsTicking:N0} req/s, p50 {p50Ticking}, p99 {p99Ticking} | |
""");
Console.Error.WriteLine(wrkOut);
return;

// Wall-clock events/s, plus the indexer process's own CPU time: on a shared machine the wall figure moves with the
// neighbours' load, events per CPU-second of this process much less (anvil's time is not in it).
async Task<double> BackfillAsync(string connectionString)
{
    var options = new IndexerOptions { RpcUrl = anvil.HttpUrl, Deployment = deployment, ConnectionString = connectionString, StopAfterBackfill = true };
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    var host = new IndexerHost(options);
    await host.RunAsync(default);
    var rate = host.Status.EventsTotal / watch.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var (readWait, write) = host.Status.RangeSeconds;
    Console.Error.WriteLine($"backfill {connectionString[..Math.Min(20, connectionString.Length)]}: {host.Status.EventsTotal} events in {watch.Elapsed.TotalSeconds:F2} s = {rate:F0} events/s; " +
        $"indexer CPU {cpuSeconds:F2} s = {host.Status.EventsTotal / cpuSeconds:F0} events/CPU-s (writer: {write:F2} s writing, {readWait:F2} s waiting for reads)");
    return rate;
}

async Task<(double P50, double P99, int N)> LagAsync()
{
    var options = new IndexerOptions { RpcUrl = anvil.HttpUrl, WsUrl = anvil.WsUrl, Deployment = deployment, ConnectionString = sqlite };
    var host = new IndexerHost(options);
    var committed = new Dictionary<long, long>();
    host.Status.Committed += b => { lock (committed) committed[b] = Stopwatch.GetTimestamp(); };
    using var stop = new CancellationTokenSource();
    var running = host.RunAsync(stop.Token);
    while (!host.Status.IsReady)
        await Task.Delay(10);
    await using var ws = new EthWebSocketClient(anvil.WsUrl, rpc);
    await ws.ConnectAsync(default);
    await using var heads = await ws.SubscribeNewHeadsAsync(default);
    var seen = new Dictionary<long, long>();
    var reader = Task.Run(async () =>
    {
        await foreach (var h in heads.ReadAllAsync(stop.Token))
            lock (seen) seen[(long)h.Number] = Stopwatch.GetTimestamp();
    });
    const int Blocks = 300;
    for (var k = 0; k < Blocks; k++)
    {
        await devnet.SendAsync(devnet.Usdc, Artifacts.Erc20.GetFunction("mint").EncodeCall(devnet.Engine.ToArray(), BigInteger.One), default);
        await devnet.SetPriceAsync(devnet.EthFeed, 2_000_00000000L + k, default);
        await Task.Delay(20);
    }
    await Task.Delay(500);
    await stop.CancelAsync();
    try { await running; } catch (OperationCanceledException) { }
    var lags = new List<double>();
    lock (seen)
    lock (committed)
    {
        foreach (var (block, at) in seen)
        {
            var done = committed.Where(c => c.Key >= block).Select(c => c.Value).DefaultIfEmpty(long.MaxValue).Min();
            if (done != long.MaxValue)
                lags.Add(Math.Max(0, Stopwatch.GetElapsedTime(at, done).TotalMilliseconds));
        }
    }
    lags.Sort();
    return (lags[lags.Count / 2], lags[(int)(lags.Count * 0.99)], lags.Count);
}

// The `crossmargin up` arrangement: the API shares the following indexer's status, so its account views are cached
// between commits. With ticks, a price update is mined (and indexed) every second while wrk runs.
async Task<(double Rps, string P50, string P99, string Output)> LoadAsync(bool ticks)
{
    var indexer = new IndexerHost(new IndexerOptions { RpcUrl = anvil.HttpUrl, WsUrl = anvil.WsUrl, Deployment = deployment, ConnectionString = sqlite });
    using var stop = new CancellationTokenSource();
    var following = indexer.RunAsync(stop.Token);
    while (!indexer.Status.IsReady)
        await Task.Delay(10);
    await using var api = await ApiHost.StartAsync(new ApiOptions { ConnectionString = sqlite, Port = 0 }, indexer.Status);
    var script = Path.Combine(dir, "random.lua");
    await File.WriteAllTextAsync(script, $"request = function() return wrk.format(\"GET\", \"/accounts/\" .. math.random(1, {Accounts})) end\n");
    using var warm = new HttpClient();
    for (var i = 0; i < 200; i++)
        await warm.GetStringAsync(new Uri(api.Url, $"/accounts/{1 + i}"));
    var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, UseShellExecute = false };
    foreach (var a in new[] { "-t2", "-c32", "-d15s", "--latency", "-s", script, api.Url.ToString().TrimEnd('/') })
        info.ArgumentList.Add(a);
    using var wrk = Process.Start(info)!;
    var ticker = ticks ? TickAsync(stop.Token) : Task.CompletedTask;
    var output = await wrk.StandardOutput.ReadToEndAsync();
    await wrk.WaitForExitAsync();
    await stop.CancelAsync();
    try { await Task.WhenAll(following, ticker); } catch (OperationCanceledException) { }
    var lines = output.Split('\n').Select(l => l.Trim()).ToList();
    var rps = double.Parse(lines.First(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal)).Split(':')[1].Trim(), CultureInfo.InvariantCulture);
    string Pct(string p) => lines.First(l => l.StartsWith(p, StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
    return (rps, Pct("50%"), Pct("99%"), output);
}

async Task TickAsync(CancellationToken ct)
{
    for (var k = 0; !ct.IsCancellationRequested; k++)
    {
        await devnet.SetPriceAsync(devnet.EthFeed, 2_100_00000000L + k, ct);
        await Task.Delay(1_000, ct);
    }
}
