using CrossMargin.Keeper.Benchmarks;

// Suites: latency <accounts> <samples> | synthetic <accounts> | perblock <accounts>
var suite = args.Length > 0 ? args[0] : "latency";
var n = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000;
await using var chain = await BenchChain.StartAsync(suite == "synthetic" ? 10_000 : n);
switch (suite)
{
    case "latency":
        await LatencyBench.RunAsync(chain, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 200);
        break;
    case "synthetic":
        await SyntheticPipelineBench.RunAsync(chain, n);
        break;
    case "perblock":
        await PerBlockBench.RunAsync(chain);
        break;
    default:
        throw new ArgumentException($"unknown suite {suite}");
}
