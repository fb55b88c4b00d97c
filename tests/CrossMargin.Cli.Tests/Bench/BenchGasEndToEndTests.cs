using System.Globalization;
using System.Text.RegularExpressions;
using CrossMargin.Cli.Bench;
using CrossMargin.Cli.Commands;

namespace CrossMargin.Cli.Tests.Bench;

/// <summary>`bench gas --quick` for real (a fresh AnvilNode, real transactions via tools/bench-gas.sh) into a temp copy of docs/benchmarks.md.</summary>
public sealed partial class BenchGasEndToEndTests
{
    [Fact]
    public async Task RunSuite_Gas_WritesMachineCommandAndMeasuredGasBetweenMarkers()
    {
        var doc = RepoFiles.CopyOfBenchmarksDoc();
        var before = await File.ReadAllTextAsync(doc);
        var console = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(8));

        await BenchCommand.RunSuiteAsync(RepoFiles.Root, BenchSuites.Get("gas", RepoFiles.Root, quick: true), quick: true, doc, CliConsole.Create(console), cts.Token);

        var after = await File.ReadAllTextAsync(doc, cts.Token);
        var start = after.IndexOf(BenchDocument.Start("gas"), StringComparison.Ordinal);
        var end = after.IndexOf(BenchDocument.End("gas"), StringComparison.Ordinal);
        Assert.True(start > 0 && end > start, "markers missing");
        var block = after[start..end];
        Assert.Contains("`./crossmargin bench gas --quick`", block, StringComparison.Ordinal);
        Assert.Contains("tools/bench-gas.sh ANVIL_URL", block, StringComparison.Ordinal);
        Assert.Contains($"{Environment.ProcessorCount} logical cores", block, StringComparison.Ordinal);
        // Measured, not copied: the first deposit costs tens of thousands of gas on the real engine.
        var deposit = FirstDeposit().Match(block);
        Assert.True(deposit.Success, block);
        Assert.InRange(int.Parse(deposit.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), 20_000, 80_000);
        // Outside the markers nothing moved.
        Assert.Equal(BenchDocumentTests.Outside(before, "gas").TrimEnd(), BenchDocumentTests.Outside(after, "gas").TrimEnd());
        Assert.Contains("bench gas", console.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\| first deposit into an account \(USDC\) \| ([0-9,]+) \|")]
    private static partial Regex FirstDeposit();
}
