// Test host for the crash test: backfills <rpc> <deployment.json> <connection string> [maxSpan] and exits 0.
// The test kills it with SIGKILL at random points and restarts it; the database must end identical.
using CrossMargin.Contracts;
using CrossMargin.Indexer.Hosting;

var options = new IndexerOptions
{
    RpcUrl = new Uri(args[0]),
    Deployment = Deployment.Load(args[1]),
    ConnectionString = args[2],
    InitialSpan = args.Length > 3 ? ulong.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2_000,
    MaxSpan = args.Length > 3 ? ulong.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 50_000,
    Concurrency = 2,
    StopAfterBackfill = true,
};
await new IndexerHost(options).RunAsync(CancellationToken.None);
Console.WriteLine("done");
