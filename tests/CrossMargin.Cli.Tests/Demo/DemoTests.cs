using CrossMargin.Cli.Demo;
using CrossMargin.Cli.Stack;
using CrossMargin.Cli.Tests.Stack;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using Microsoft.Extensions.Logging.Abstractions;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Tests.Demo;

/// <summary>`crossmargin demo` on a real Anvil with a small market: the keeper liquidates, and the summary matches the chain.</summary>
[Collection(StackCollection.Name)]
public sealed class DemoTests
{
    [Fact]
    public async Task Demo_SmallMarket_KeeperLiquidatesAndSummaryMatchesChainAndApi()
    {
        using var env = new StackTestEnvironment();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await using var stack = await DevStack.StartAsync(env.Options, NullLoggerFactory.Instance, _ => { }, timeout.Token);
        var start = await stack.Rpc.BlockNumberAsync(timeout.Token);
        var output = new StringWriter();
        var options = new DemoOptions { Wallets = 45, Seed = 7, Walk = TimeSpan.FromSeconds(2), Crash = TimeSpan.FromSeconds(3), Settle = TimeSpan.FromSeconds(45) };

        var summary = await new DemoRunner(stack, options, TextWriter.Synchronized(output)).RunAsync(timeout.Token);

        Assert.True(summary.KeeperLiquidations + summary.KeeperCollateralLiquidations >= 1, $"no keeper liquidation:\n{output}");
        Assert.Equal(0, summary.StillLiquidatable);
        Assert.True(summary.ApiAgrees, string.Join("\n", summary.Rows()));
        // The summary's keeper counts are the chain's: Liquidated/CollateralLiquidated logs since the demo began, by the keeper.
        var keeper = stack.Keeper!.Signer;
        var logs = await stack.Rpc.GetLogsAsync(new LogFilter { Addresses = [stack.Deployment.Engine], FromBlock = start + 1, ToBlock = BlockParameter.Latest }, timeout.Token);
        Assert.Equal(logs.Count(l => E.LiquidatedEvent.TryDecode(l, out var e) && e.Liquidator == keeper), summary.KeeperLiquidations);
        Assert.Equal(logs.Count(l => E.CollateralLiquidatedEvent.TryDecode(l, out var e) && e.Liquidator == keeper), summary.KeeperCollateralLiquidations);
        Assert.Equal(logs.Count(l => E.BadDebtSettledEvent.IsMatch(l.Topics)), summary.BadDebtSettlements);
        var insurance = E.InsuranceFundFunction.DecodeResult(await stack.Rpc.CallAsync(new CallRequest { To = stack.Deployment.Engine, Data = E.InsuranceFundFunction.Encode() }, BlockParameter.Latest, timeout.Token));
        Assert.Equal((double)(System.Numerics.BigInteger)insurance / 1e6, summary.InsuranceEndUsdc, 6);
        Assert.Equal(45, summary.Survey.Counts.Cast<int>().Sum());
        Assert.Contains("liquidation of account", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Issue 17: the README's default size (300 wallets) used to stall in set-up; then a second demo on the
    /// chain the first left behind, with the first one's keys (their nonces are used), resumes cleanly.</summary>
    [Fact]
    public async Task Demo_DefaultSizeThenAgainOnTheResumedChain_CompletesAndSummariesMatchChainAndApi()
    {
        using var env = new StackTestEnvironment();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var first = new DemoOptions { Walk = TimeSpan.FromSeconds(1), Crash = TimeSpan.FromSeconds(2), Settle = TimeSpan.FromSeconds(45) };
        Assert.Equal(300, first.Wallets); // the default

        var (summary, output) = await RunOnStackAsync(env, first, expectResumed: false, timeout.Token);

        Assert.Equal(300, summary.Survey.Counts.Cast<int>().Sum());
        Assert.True(summary.KeeperLiquidations + summary.KeeperCollateralLiquidations >= 1, $"no keeper liquidation:\n{output}");
        // The keeper clears every account (it used to miss accounts whose accepted repays form a window narrower than its search grid).
        Assert.Equal(0, summary.StillLiquidatable);
        Assert.True(summary.ApiAgrees, string.Join("\n", summary.Rows()));
        Assert.DoesNotContain("refused by the node", output, StringComparison.Ordinal);

        var again = first with { Wallets = 40, Crash = TimeSpan.FromSeconds(1), Settle = TimeSpan.FromSeconds(10) };
        var (resumed, resumedOutput) = await RunOnStackAsync(env, again, expectResumed: true, timeout.Token);

        Assert.Equal(40, resumed.Survey.Counts.Cast<int>().Sum());
        Assert.True(resumed.ApiAgrees, string.Join("\n", resumed.Rows()));
        Assert.DoesNotContain("refused by the node", resumedOutput, StringComparison.Ordinal);
    }

    private static async Task<(DemoSummary Summary, string Output)> RunOnStackAsync(StackTestEnvironment env, DemoOptions options, bool expectResumed, CancellationToken ct)
    {
        await using var stack = await DevStack.StartAsync(env.Options, NullLoggerFactory.Instance, _ => { }, ct);
        Assert.Equal(expectResumed, stack.Resumed);
        var output = new StringWriter();
        var summary = await new DemoRunner(stack, options, TextWriter.Synchronized(output)).RunAsync(ct);
        return (summary, output.ToString());
    }

    [Fact]
    public async Task DemoCommand_OutputNotATerminal_PrintsPlainLinesAndSummaryAndExitsZero()
    {
        using var env = new StackTestEnvironment();
        await using var demo = new CliProcess(["demo", .. env.Arguments, "--wallets", "30", "--seed", "3", "--walk", "1", "--crash", "2", "--settle", "45"]);
        await demo.WaitForAsync("API /stats = chain", TimeSpan.FromMinutes(3));
        Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        var output = demo.Output;
        Assert.DoesNotContain("\u001b[", output, StringComparison.Ordinal); // plain: no ANSI escapes when piped
        Assert.Contains("API /stats = chain: yes", output, StringComparison.Ordinal);
        Assert.Contains("accounts still liquidatable: 0", output, StringComparison.Ordinal);
        var keeper = System.Text.RegularExpressions.Regex.Match(output, @"liquidations by the keeper: (\d+) position, (\d+) collateral");
        Assert.True(keeper.Success, output);
        Assert.True(int.Parse(keeper.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(keeper.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) >= 1, output);
    }
}
