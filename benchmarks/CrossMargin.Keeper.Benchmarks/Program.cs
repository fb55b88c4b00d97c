using System.Globalization;
using CrossMargin.Keeper.Benchmarks;

// Suites: latency <accounts> <samples> [continuous|isolated] [block seconds] | synthetic <accounts> | perblock <accounts>
var suite = args.Length > 0 ? args[0] : "latency";
var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000;
await using var chain = await BenchChain.StartAsync(suite == "synthetic" ? 10_000 : n);
switch (suite)
{
    case "latency":
        var samples = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
        var continuous = args.Length <= 3 || args[3] == "continuous";
        var blockTime = TimeSpan.FromSeconds(args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1);
        await LatencyBench.RunAsync(chain, samples, continuous, blockTime);
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
