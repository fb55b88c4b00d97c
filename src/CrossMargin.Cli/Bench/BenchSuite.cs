namespace CrossMargin.Cli.Bench;

/// <summary>How a suite reports: BenchmarkDotNet's GitHub-markdown reports, or markdown/text the program prints.</summary>
internal enum BenchOutput
{
    BenchmarkDotNet,
    Stdout,
}

/// <summary>One program run of a suite: executable and arguments, relative to the repo root.</summary>
internal sealed record BenchRun(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>
    /// An argument replaced by the HTTP URL of a fresh Anvil the runner starts for the run and stops after it (the one
    /// launcher, <c>CrossMargin.Devnet.AnvilNode</c>: pruned history, nothing left on disk); shown as ANVIL_URL in the docs.
    /// </summary>
    public const string AnvilUrl = "ANVIL_URL";

    /// <summary>The run as a shell command from the repo root (what the docs quote).</summary>
    public string CommandLine => string.Join(' ', new[] { FileName }.Concat(Arguments).Select(Quote));

    private static string Quote(string arg) => arg.Any(c => c is '*' or ' ' or '?' or '\'') ? $"'{arg}'" : arg;
}

/// <summary>A benchmark suite: the section of docs/benchmarks.md it owns a generated block in, and its runs.</summary>
internal sealed record BenchSuite(string Name, string Heading, BenchOutput Output, IReadOnlyList<BenchRun> Runs, string Note);
