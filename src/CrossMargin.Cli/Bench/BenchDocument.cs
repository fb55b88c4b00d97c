namespace CrossMargin.Cli.Bench;

/// <summary>
/// Rewrites one suite's generated block in docs/benchmarks.md: the text between <c>&lt;!-- bench:SUITE:start --&gt;</c>
/// and <c>&lt;!-- bench:SUITE:end --&gt;</c>. Everything outside the markers (the hand-written analysis of each section) is
/// kept byte for byte. Without markers yet, the block goes at the end of the suite's section (before the next
/// <c>## </c> heading), or in a new section at the end of the file.
/// </summary>
internal static class BenchDocument
{
    public static string Start(string suite) => $"<!-- bench:{suite}:start -->";

    public static string End(string suite) => $"<!-- bench:{suite}:end -->";

    public static string Rewrite(string document, BenchSuite suite, string block)
    {
        var start = Start(suite.Name);
        var end = End(suite.Name);
        var generated = $"{start}\n{block.TrimEnd('\n')}\n{end}";
        var s = document.IndexOf(start, StringComparison.Ordinal);
        if (s >= 0)
        {
            var e = document.IndexOf(end, s, StringComparison.Ordinal);
            if (e < 0)
                throw new FormatException($"{start} without {end}");
            return document[..s] + generated + document[(e + end.Length)..];
        }
        var heading = document.IndexOf($"\n{suite.Heading}\n", StringComparison.Ordinal);
        if (heading < 0)
            return document.TrimEnd('\n') + $"\n\n{suite.Heading}\n\n{generated}\n";
        var next = document.IndexOf("\n## ", heading + suite.Heading.Length + 1, StringComparison.Ordinal);
        var insertAt = next < 0 ? document.Length : next + 1;
        var before = document[..insertAt].TrimEnd('\n');
        var after = document[insertAt..];
        return before + "\n\n" + generated + "\n" + (after.Length > 0 ? "\n" + after : "");
    }
}
