namespace CrossMargin.Cli.Bench;

/// <summary>
/// The suites and the exact commands they run, full or <c>--quick</c>. BenchmarkDotNet suites write their reports
/// under BenchmarkDotNet.Artifacts/&lt;suite&gt; (git-ignored); quick means BenchmarkDotNet's Dry job (one
/// iteration, no warm-up: smoke figures, not measurements) or fewer accounts/events/samples.
/// </summary>
internal static class BenchSuites
{
    public static readonly string[] Names = ["gas", "ethereum", "nethereum", "risk", "indexer", "keeper"];

    public static BenchSuite Get(string name, string root, bool quick) => name switch
    {
        "gas" => new BenchSuite("gas", "## Contracts: gas", BenchOutput.Stdout, [new BenchRun("tools/bench-gas.sh", [BenchRun.AnvilUrl])],
            "Real transactions on a fresh Anvil (tools/bench-gas.sh); `--quick` runs the same."),
        // The RPC benchmarks start anvil with CrossMargin.Devnet.AnvilNode (found by Toolchain from the repository root).
        "ethereum" => Dotnet("ethereum", "## Ethereum layer", "benchmarks/CrossMargin.Benchmarks", quick,
            ["--filter", "CrossMargin.Benchmarks.SignBenchmarks.*", "CrossMargin.Benchmarks.AbiDecodeBenchmarks.*", "CrossMargin.Benchmarks.RpcBatchBenchmarks.*"]),
        // Side by side, same inputs, ours as the baseline of each category: the figures issue 14's keep-or-replace rule reads.
        "nethereum" => Dotnet("nethereum", "## Ethereum layer: ours vs Nethereum", "benchmarks/CrossMargin.Benchmarks", quick,
            ["--filter", "CrossMargin.Benchmarks.Versus.*", "--memory"]),
        "risk" => Dotnet("risk", "## Risk engine", "benchmarks/CrossMargin.Risk.Benchmarks", quick, ["--filter", "*", "--memory"]),
        "indexer" => new BenchSuite("indexer", "## Indexer and API", BenchOutput.Stdout,
            [Run("benchmarks/CrossMargin.Indexer.Benchmarks", quick ? ["20000"] : [])],
            quick ? "Quick: 20,000 events instead of 250,000." : "250,000 events (the program's default)."),
        "keeper" => new BenchSuite("keeper", "## Keeper", BenchOutput.Stdout,
            quick
                ? [Run(KeeperProject, ["latency", "200", "20"]), Run(KeeperProject, ["perblock", "200"])]
                :
                [
                    Run(KeeperProject, ["latency", "1000", "100", "isolated"]),
                    Run(KeeperProject, ["latency", "10000", "100", "isolated"]),
                    Run(KeeperProject, ["latency", "10000", "100", "continuous"]),
                    Run(KeeperProject, ["perblock", "1000"]),
                    Run(KeeperProject, ["synthetic", "1000000"]),
                ],
            quick
                ? "Quick: 200 accounts, 20 latency samples."
                : "Latency with 1,000 and 10,000 accounts (isolated ticks; continuous ticks at 10,000), liquidations per block, 1,000,000 accounts in memory (synthetic)."),
        _ => throw new ArgumentException($"unknown suite '{name}' (suites: {string.Join(", ", Names)}, all)"),
    };

    private const string KeeperProject = "benchmarks/CrossMargin.Keeper.Benchmarks";

    private static BenchSuite Dotnet(string name, string heading, string project, bool quick, string[] args) =>
        new(name, heading, BenchOutput.BenchmarkDotNet,
            [Run(project, [.. args, "--job", quick ? "dry" : "short", "--artifacts", ArtifactsOf(name)])],
            quick ? "Quick: BenchmarkDotNet Dry job (1 iteration, no warm-up): a smoke run, not a measurement." : "BenchmarkDotNet ShortRun job (3 warm-ups, 3 iterations, 1 launch).");

    /// <summary>BenchmarkDotNet's artifacts of a suite, relative to the repo root.</summary>
    public static string ArtifactsOf(string suite) => $"BenchmarkDotNet.Artifacts/{suite}";

    private static BenchRun Run(string project, string[] args) => new("dotnet", ["run", "-c", "Release", "--project", project, "--", .. args]);
}
