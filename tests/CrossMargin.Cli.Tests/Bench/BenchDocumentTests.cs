using CrossMargin.Cli.Bench;

namespace CrossMargin.Cli.Tests.Bench;

public sealed class BenchDocumentTests
{
    private static readonly string Original = File.ReadAllText(Path.Combine(RepoFiles.Root, "docs", "benchmarks.md"));

    [Theory]
    [InlineData("gas")]
    [InlineData("ethereum")]
    [InlineData("nethereum")]
    [InlineData("risk")]
    [InlineData("indexer")]
    [InlineData("keeper")]
    public void Rewrite_RealDocument_ReplacesOnlyBetweenMarkersAndIsIdempotent(string name)
    {
        var suite = BenchSuites.Get(name, RepoFiles.Root, quick: true);
        var first = BenchDocument.Rewrite(Original, suite, "figures A\n");
        var second = BenchDocument.Rewrite(first, suite, "figures B\n");

        Assert.Equal(first.Replace("figures A", "figures B", StringComparison.Ordinal), second);
        Assert.Equal(second, BenchDocument.Rewrite(second, suite, "figures B"));
        Assert.Equal(Outside(Original, name).TrimEnd(), Outside(second, name).TrimEnd());
        // The block sits inside the suite's own section: after its heading, before the next one.
        var heading = second.IndexOf($"\n{suite.Heading}\n", StringComparison.Ordinal);
        var block = second.IndexOf(BenchDocument.Start(name), StringComparison.Ordinal);
        var next = second.IndexOf("\n## ", heading + 1, StringComparison.Ordinal);
        Assert.True(heading >= 0 && block > heading && (next < 0 || block < next), $"block of {name} outside '{suite.Heading}'");
    }

    [Fact]
    public void Rewrite_EverySuite_KeepsTheOthersBlocks()
    {
        var doc = Original;
        foreach (var name in BenchSuites.Names)
            doc = BenchDocument.Rewrite(doc, BenchSuites.Get(name, RepoFiles.Root, quick: true), $"figures of {name}");
        var risk = BenchDocument.Rewrite(doc, BenchSuites.Get("risk", RepoFiles.Root, quick: true), "new risk figures");

        foreach (var name in BenchSuites.Names.Where(n => n != "risk"))
            Assert.Contains($"{BenchDocument.Start(name)}\nfigures of {name}\n{BenchDocument.End(name)}", risk, StringComparison.Ordinal);
        Assert.Contains($"{BenchDocument.Start("risk")}\nnew risk figures\n{BenchDocument.End("risk")}", risk, StringComparison.Ordinal);
    }

    [Fact]
    public void Rewrite_NoSection_AppendsOne()
    {
        var suite = BenchSuites.Get("keeper", RepoFiles.Root, quick: true);
        var doc = BenchDocument.Rewrite("# Benchmarks\n\n## Other\n\ntext\n", suite, "figures");
        Assert.Equal($"# Benchmarks\n\n## Other\n\ntext\n\n## Keeper\n\n{BenchDocument.Start("keeper")}\nfigures\n{BenchDocument.End("keeper")}\n", doc);
    }

    /// <summary>The document with the suite's generated block (markers included) and the blank lines around it removed.</summary>
    internal static string Outside(string doc, string name)
    {
        var start = doc.IndexOf(BenchDocument.Start(name), StringComparison.Ordinal);
        if (start < 0)
            return doc;
        var end = doc.IndexOf(BenchDocument.End(name), start, StringComparison.Ordinal) + BenchDocument.End(name).Length;
        return doc[..start].TrimEnd('\n') + "\n\n" + doc[end..].TrimStart('\n');
    }
}
