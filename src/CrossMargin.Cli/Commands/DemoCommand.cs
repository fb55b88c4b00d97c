using System.CommandLine;
using CrossMargin.Cli.Demo;
using CrossMargin.Cli.Stack;
using Microsoft.Extensions.Logging.Abstractions;
using Spectre.Console;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// `crossmargin demo`: `up` plus a simulated market (wallets in all three modes, random walk, crash) with a live
/// dashboard of health bands, liquidations and their latency; ends with a summary checked against the API, then stops
/// the stack cleanly (a later `up` resumes the chain with the demo's accounts).
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var stack = new StackArguments();
        var wallets = new Option<int>("--wallets") { Description = "simulated wallets (one account each, modes in turn)", DefaultValueFactory = _ => 300 };
        var seed = new Option<int>("--seed") { Description = "seed of wallets, amounts, leverage and the price walk", DefaultValueFactory = _ => 1 };
        var walk = new Option<double>("--walk") { Description = "seconds of random walk before the crash", DefaultValueFactory = _ => 20 };
        var crash = new Option<double>("--crash") { Description = "seconds over which the crash unfolds (6 steps)", DefaultValueFactory = _ => 12 };
        var settle = new Option<double>("--settle") { Description = "at most this many seconds for the keeper to clear liquidatable accounts", DefaultValueFactory = _ => 60 };
        var plain = new Option<bool>("--plain") { Description = "plain line output instead of the live dashboard (default when stdout is not a terminal)" };
        var command = new Command("demo", "up plus a simulated market: wallets trade, prices walk and crash, the keeper liquidates; live dashboard and summary");
        stack.AddTo(command);
        foreach (var o in new Option[] { wallets, seed, walk, crash, settle, plain })
            command.Options.Add(o);
        // Option validators run only for options given on the command line (defaults are valid).
        wallets.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 3 or > 20_000)
                r.AddError("--wallets must be between 3 and 20000");
        });
        foreach (var o in new[] { walk, crash, settle })
        {
            o.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<double>() is < 0 or > 3_600)
                    r.AddError($"{o.Name} must be between 0 and 3600 seconds");
            });
        }
        command.SetAction((parse, ct) => stack.RunBound(parse, stackOptions => RunAsync(stackOptions, new DemoOptions
        {
            Wallets = parse.GetValue(wallets),
            Seed = parse.GetValue(seed),
            Walk = TimeSpan.FromSeconds(parse.GetValue(walk)),
            Crash = TimeSpan.FromSeconds(parse.GetValue(crash)),
            Settle = TimeSpan.FromSeconds(parse.GetValue(settle)),
            Live = !parse.GetValue(plain) && CliConsole.IsTerminal(parse.InvocationConfiguration.Output) && AnsiConsole.Profile.Capabilities.Interactive,
        }, parse.InvocationConfiguration.Output, ct)));
        return command;
    }

    public static async Task<int> RunAsync(StackOptions stackOptions, DemoOptions options, TextWriter output, CancellationToken ct)
    {
        DemoSummary summary;
        try
        {
            // The stack's logs would tear the dashboard; the demo's own lines say what happens.
            await using var stack = await DevStack.StartAsync(stackOptions, NullLoggerFactory.Instance, line => output.WriteLine($"==> {line}"), ct);
            UpCommand.Print(stack, output);
            if (stack.Keeper is null)
                output.WriteLine("==> note: --no-keeper: nobody will liquidate");
            summary = await new DemoRunner(stack, options, output).RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            output.WriteLine("==> demo cancelled; stack stopped cleanly");
            return 130;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"crossmargin demo: {UpCommand.Describe(e)}");
            return 1;
        }
        Print(summary, options.Live, output);
        return summary.ApiAgrees ? 0 : 1;
    }

    private static void Print(DemoSummary summary, bool live, TextWriter output)
    {
        if (live)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("[bold]demo summary[/]").AddColumn("").AddColumn("").HideHeaders();
            foreach (var (label, value) in summary.Rows())
                table.AddRow(Markup.Escape(label), Markup.Escape(value));
            CliConsole.Create(output).Write(table);
            return;
        }
        output.WriteLine("==> summary");
        foreach (var (label, value) in summary.Rows())
            output.WriteLine($"  {label}: {value}");
    }
}
