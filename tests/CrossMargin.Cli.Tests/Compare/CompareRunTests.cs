using System.Numerics;
using CrossMargin.Cli.Commands;
using CrossMargin.Cli.Compare;
using CrossMargin.Risk.Model;
using SkiaSharp;

namespace CrossMargin.Cli.Tests.Compare;

/// <summary>`compare` end to end on its own anvil with the real contracts and the keeper, small enough for the test run.</summary>
public sealed class CompareRunTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crossmargin-compare-").FullName;

    [Fact]
    public async Task Run_OpensEveryPortfolioInEveryMode_MatchesDocumentedMarginAndWritesReport()
    {
        var options = new CompareOptions(Paths: 2, Steps: 6, Seed: 2, Out: Path.Combine(_dir, "docs", "capital-efficiency.md"), Png: Path.Combine(_dir, "docs", "capital-efficiency.png"));
        Directory.CreateDirectory(Path.GetDirectoryName(options.Out)!);
        var console = new StringWriter();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var outcome = await CompareRun.RunAsync(options, CliConsole.Create(console), cts.Token);

        // 1 + 2 + 1 + 5 ISOLATED accounts, one per portfolio in CROSS and PORTFOLIO; every one re-derived off-chain to the wei.
        Assert.Equal(17, outcome.Accounts.Count);
        Assert.Equal(17, outcome.CrossChecked);
        // The contract's figures are those of docs/margin-model.md's worked examples.
        var pair = Single(outcome, "hedged pair", MarginMode.Portfolio);
        Assert.Equal(BigInteger.Parse("5692099788303082797618"), (BigInteger)pair.AtOpen.Im);
        Assert.Equal(BigInteger.Parse("3794733192202055198412"), (BigInteger)pair.AtOpen.Mm);
        Assert.Equal(Usd(510), Single(outcome, "basis trade", MarginMode.Portfolio).CapitalRequiredWad);
        Assert.Equal(Usd(5_010), Single(outcome, "basis trade", MarginMode.Cross).CapitalRequiredWad);
        // One market: V + rounding allowance = (y + 2)², so IM = 1.5 · (2,000 USD + 2 wei) (docs/margin-model.md).
        Assert.Equal(Usd(3_000) + 3, (BigInteger)Single(outcome, "directional", MarginMode.Portfolio).AtOpen.Im);
        var isolatedPair = outcome.Capital.Single(r => r is { Portfolio: "hedged pair", Mode: MarginMode.Isolated });
        Assert.Equal((2, 12_060m), (isolatedPair.Accounts, isolatedPair.CapitalRequired));
        Assert.Equal(1 - 5_752.10m / 12_060m, outcome.Capital.Single(r => r is { Portfolio: "hedged pair", Mode: MarginMode.Portfolio }).Saving, 4);

        // Seed 2 crashes enough in 2 × 6 steps that every mode is liquidated; the keeper leaves nothing liquidatable.
        Assert.All(outcome.Stress.Modes, m => Assert.True(m.Liquidations > 0, $"{m.Mode}: no liquidation"));
        Assert.All(outcome.Stress.Modes, m => Assert.Equal(0, m.LiquidatableAtEnd));
        Assert.True(outcome.Stress.KeeperTransactions >= outcome.Stress.Modes.Sum(m => m.Liquidations + m.CollateralLiquidations + m.BadDebtAccounts));

        var png = await File.ReadAllBytesAsync(options.Png, cts.Token);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.True(png.Length > 10_000, $"PNG of {png.Length} bytes");
        using (var bitmap = SKBitmap.Decode(png))
            Assert.Equal((1100, 600), (bitmap.Width, bitmap.Height));

        var markdown = await File.ReadAllTextAsync(options.Out, cts.Token);
        Assert.Contains("| hedged pair | PORTFOLIO | 1 | 5,692.10 | 3,794.73 | 5,752.10 | 52.3% |", markdown, StringComparison.Ordinal);
        Assert.Contains("![Capital required per portfolio and mode](capital-efficiency.png)", markdown, StringComparison.Ordinal);
        Assert.Contains("./crossmargin compare --paths 2 --steps 6 --seed 2", markdown, StringComparison.Ordinal);
        Assert.Contains("17 of 17 accounts equal the contract's `health` to the wei", markdown, StringComparison.Ordinal);
        Assert.Contains("Capital required per portfolio and mode", console.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static OpenedAccount Single(CompareOutcome outcome, string portfolio, MarginMode mode) =>
        outcome.Accounts.Single(a => a.Portfolio == portfolio && a.Mode == mode);

    private static BigInteger Usd(int dollars) => dollars * BigInteger.Pow(10, 18);
}
