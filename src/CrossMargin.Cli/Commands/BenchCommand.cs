using System.CommandLine;
using CrossMargin.Cli.Bench;
using CrossMargin.Cli.Stack;
using CrossMargin.Devnet;
using Spectre.Console;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin bench &lt;suite&gt;`: runs a benchmark suite and rewrites its generated block in docs/benchmarks.md.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var suite = new Argument<string>("suite") { Description = $"{string.Join(", ", BenchSuites.Names)} or all" };
        suite.AcceptOnlyFromAmong([.. BenchSuites.Names, "all"]);
        var quick = new Option<bool>("--quick") { Description = "short run: BenchmarkDotNet Dry job, fewer accounts/events/samples" };
        var doc = new Option<string>("--doc") { Description = "the markdown file whose bench:<suite> block is rewritten", DefaultValueFactory = _ => "docs/benchmarks.md" };
        var command = new Command("bench", "run a benchmark suite and rewrite its section of docs/benchmarks.md (machine, exact command, figures)")
        {
            suite, quick, doc,
        };
        command.SetAction(async (parse, ct) =>
        {
            var console = CliConsole.Create(parse.InvocationConfiguration.Output);
            var root = Toolchain.Root;
            var names = parse.GetValue(suite) == "all" ? BenchSuites.Names : [parse.GetValue(suite)!];
            foreach (var name in names)
                await RunSuiteAsync(root, BenchSuites.Get(name, root, parse.GetValue(quick)), parse.GetValue(quick), Path.GetFullPath(parse.GetValue(doc)!, root), console, ct);
            return 0;
        });
        return command;
    }

    /// <summary>Runs <paramref name="suite"/> and rewrites its block in <paramref name="doc"/> (after the run, so a failed run changes nothing).</summary>
    internal static async Task RunSuiteAsync(string root, BenchSuite suite, bool quick, string doc, IAnsiConsole console, CancellationToken ct)
    {
        if (!File.Exists(doc))
            throw new FileNotFoundException($"{doc} does not exist (--doc names the markdown file to rewrite)", doc);
        var figures = await BenchRunner.RunAsync(root, suite, console, ct);
        var block = BenchBlock.Render(suite, quick, MachineInfo.Read(), TimeProvider.System.GetUtcNow(), figures);
        await File.WriteAllTextAsync(doc, BenchDocument.Rewrite(await File.ReadAllTextAsync(doc, ct), suite, block), ct);
        console.MarkupLine($"[green]✔[/] bench {suite.Name}: {Markup.Escape(Path.GetRelativePath(root, doc))} rewritten between {Markup.Escape(BenchDocument.Start(suite.Name))} and {Markup.Escape(BenchDocument.End(suite.Name))}");
    }
}
