using CrossMargin.Contracts;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;
using Spectre.Console;

namespace CrossMargin.Cli.Compare;

/// <summary>
/// `crossmargin compare` end to end: its own anvil and devnet, the portfolios opened in every mode, the Risk
/// cross-check, the capital table and chart, the stress replay with the keeper, and the markdown report.
/// </summary>
internal static class CompareRun
{
    public static async Task<CompareOutcome> RunAsync(CompareOptions options, IAnsiConsole console, CancellationToken ct)
    {
        await using var anvil = await Step(console, "starting anvil (free port, temp dir)", () => AnvilNode.StartThrowawayAsync(ct));
        var devnet = await Step(console, $"deploying the contracts on {anvil.HttpUrl}", async () =>
        {
            var d = await DevnetContracts.DeployAsync(anvil.Rpc, ct);
            await CompareMarkets.ListExtraAsync(d, ct);
            return d;
        });
        var trader = await DevnetContracts.FundedSenderAsync(anvil.Rpc, ct);
        var opener = new BookOpener(devnet, trader);
        await opener.FundTraderAsync(ct);
        var keeperKey = await FundKeeperAsync(anvil.Rpc, devnet, ct);

        var accounts = await Step(console, "opening every portfolio in ISOLATED, CROSS and PORTFOLIO mode", async () =>
        {
            var all = new List<OpenedAccount>();
            foreach (var portfolio in Portfolio.All)
            {
                foreach (var mode in Enum.GetValues<MarginMode>())
                    all.AddRange(await opener.OpenAsync(portfolio, mode, ct));
            }
            return all;
        });
        var crossChecked = await Step(console, "cross-checking every account's health with CrossMargin.Risk", () => RiskCrossCheck.VerifyAsync(anvil.Rpc, devnet.Engine.Address, accounts, ct));
        var capital = CapitalRow.From(accounts);
        console.Write(CompareTables.Capital(capital));
        console.MarkupLine($"[green]✔[/] {crossChecked} accounts: contract health = CrossMargin.Risk health, to the wei");
        SaveChart(options.Png, capital);
        console.MarkupLine($"chart: [link]{Markup.Escape(options.Png)}[/]");

        var paths = PricePaths.Generate(options.Paths, options.Steps, options.Seed);
        var replay = new StressReplay(anvil, devnet, keeperKey, accounts);
        StressResult stress = null!;
        await console.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask($"stress replay: {options.Paths} paths × {options.Steps} steps, keeper running", maxValue: Math.Max(1, options.Paths));
                stress = await replay.RunAsync(paths, options.Seed, done => task.Value = done, ct);
            });
        console.Write(CompareTables.Stress(stress));

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Out))!);
        await File.WriteAllTextAsync(options.Out, CompareReport.Markdown(options.CommandLine, capital, crossChecked, stress, options.PngLink), ct);
        console.MarkupLine($"written: {Markup.Escape(options.Out)}, {Markup.Escape(options.Png)}");
        return new CompareOutcome(accounts, capital, crossChecked, stress);
    }

    /// <summary>The keeper's key: fresh, with gas and 10M USDC (collateral liquidations repay debt in USDC).</summary>
    private static async Task<PrivateKey> FundKeeperAsync(IJsonRpcClient rpc, DevnetContracts devnet, CancellationToken ct)
    {
        var key = PrivateKey.Generate();
        await rpc.SetBalanceAsync(key.Address, DevnetContracts.Wad * 1_000_000UL, ct);
        await devnet.Usdc.SendAsync(MockERC20Contract.MintFunction.Encode(key.Address, (UInt256)10_000_000UL * DevnetContracts.UsdcUnit), ct);
        return key;
    }

    private static void SaveChart(string png, IReadOnlyList<CapitalRow> capital)
    {
        var portfolios = capital.Select(r => r.Portfolio).Distinct().ToList();
        var modes = Enum.GetValues<MarginMode>();
        var values = portfolios.Select(p => modes.Select(m => capital.Single(r => r.Portfolio == p && r.Mode == m).CapitalRequired).ToArray()).ToArray();
        GroupedBarChart.Save(png, "Capital required to hold each portfolio (USD, real accounts on Anvil)", "USD",
            portfolios, [.. modes.Select(MarginModeNames.Display)], values);
    }

    private static async Task<T> Step<T>(IAnsiConsole console, string what, Func<Task<T>> run)
    {
        console.MarkupLine($"[grey]==>[/] {Markup.Escape(what)}");
        return await run();
    }
}
