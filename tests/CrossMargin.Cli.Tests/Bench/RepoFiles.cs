using CrossMargin.Cli.Stack;
using CrossMargin.Devnet;

namespace CrossMargin.Cli.Tests.Bench;

/// <summary>Temp copies of the repository's real files.</summary>
internal static class RepoFiles
{
    public static string Root { get; } = Toolchain.Root;

    /// <summary>A copy of docs/benchmarks.md in a new temp directory.</summary>
    public static string CopyOfBenchmarksDoc()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("crossmargin-bench-").FullName, "benchmarks.md");
        File.Copy(Path.Combine(Root, "docs", "benchmarks.md"), path);
        return path;
    }
}
