using System.CommandLine;
using CrossMargin.Cli.Compare;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin compare`: the same portfolios margined ISOLATED / CROSS / PORTFOLIO on a throwaway devnet, plus a stress replay.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var paths = new Option<int>("--paths") { Description = "random price paths in the stress replay", DefaultValueFactory = _ => 50 };
        var steps = new Option<int>("--steps") { Description = "price steps per path", DefaultValueFactory = _ => 20 };
        var seed = new Option<int>("--seed") { Description = "seed of the price paths", DefaultValueFactory = _ => 7 };
        var output = new Option<string>("--out") { Description = "markdown report", DefaultValueFactory = _ => "docs/capital-efficiency.md" };
        var png = new Option<string>("--png") { Description = "chart (PNG)", DefaultValueFactory = _ => "docs/capital-efficiency.png" };
        var command = new Command("compare", "capital required by the same portfolios in ISOLATED, CROSS and PORTFOLIO mode (real accounts on a fresh anvil), a chart, and a stress replay with the keeper")
        {
            paths, steps, seed, output, png,
        };
        command.SetAction(async (parse, ct) =>
        {
            var options = new CompareOptions(parse.GetValue(paths), parse.GetValue(steps), parse.GetValue(seed), parse.GetValue(output)!, parse.GetValue(png)!);
            await CompareRun.RunAsync(options, CliConsole.Create(parse.InvocationConfiguration.Output), ct);
            return 0;
        });
        return command;
    }
}
