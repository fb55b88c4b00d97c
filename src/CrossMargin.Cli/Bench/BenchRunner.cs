using System.Diagnostics;
using System.Text;
using CrossMargin.Devnet;
using Spectre.Console;

namespace CrossMargin.Cli.Bench;

/// <summary>
/// Runs a suite's programs from the repo root, shows progress (elapsed time and the latest output line), keeps the
/// whole output in BenchmarkDotNet.Artifacts/bench-&lt;suite&gt;.log, and returns the figures as markdown.
/// </summary>
internal static class BenchRunner
{
    public static async Task<string> RunAsync(string root, BenchSuite suite, IAnsiConsole console, CancellationToken ct)
    {
        var log = Path.Combine(root, "BenchmarkDotNet.Artifacts", $"bench-{suite.Name}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var results = Path.Combine(root, BenchSuites.ArtifactsOf(suite.Name), "results");
        if (Directory.Exists(results))
            Directory.Delete(results, recursive: true); // only this run's reports are read afterwards
        var figures = new StringBuilder();
        await using var logWriter = new StreamWriter(log) { AutoFlush = true };
        for (var i = 0; i < suite.Runs.Count; i++)
        {
            var run = suite.Runs[i];
            console.MarkupLine($"[grey]==>[/] bench {suite.Name} ({i + 1}/{suite.Runs.Count}): [bold]{Markup.Escape(run.CommandLine)}[/]");
            var stdout = await RunOneAsync(root, run, logWriter, console, $"bench {suite.Name} ({i + 1}/{suite.Runs.Count})", ct);
            if (suite.Output == BenchOutput.Stdout)
                figures.AppendLine(StdoutFigures.ToMarkdown(stdout)).AppendLine();
        }
        if (suite.Output == BenchOutput.BenchmarkDotNet)
        {
            var reports = Directory.Exists(results) ? Directory.GetFiles(results, "*-report-github.md").Order(StringComparer.Ordinal).ToList() : [];
            if (reports.Count == 0)
                throw new InvalidOperationException($"bench {suite.Name}: BenchmarkDotNet wrote no report under {results} (see {log})");
            // Each report starts with the same environment block (a ``` fence) before its table: show it once.
            for (var i = 0; i < reports.Count; i++)
            {
                var text = (await File.ReadAllTextAsync(reports[i], ct)).Trim();
                var fenceEnd = text.StartsWith("```", StringComparison.Ordinal) ? text.IndexOf("\n```", 3, StringComparison.Ordinal) : -1;
                var (environment, table) = fenceEnd < 0 ? ("", text) : (text[..(fenceEnd + 4)], text[(fenceEnd + 4)..].Trim());
                if (i == 0 && environment.Length > 0)
                    figures.AppendLine(environment).AppendLine();
                figures.AppendLine($"`{Path.GetFileName(reports[i]).Replace("-report-github.md", "", StringComparison.Ordinal)}`:").AppendLine().AppendLine(table).AppendLine();
            }
        }
        return figures.ToString().TrimEnd() + "\n";
    }

    private static async Task<List<string>> RunOneAsync(string root, BenchRun run, StreamWriter log, IAnsiConsole console, string label, CancellationToken ct)
    {
        var info = new ProcessStartInfo(run.FileName == "dotnet" ? "dotnet" : Path.Combine(root, run.FileName))
        {
            WorkingDirectory = root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        await using var anvil = run.Arguments.Contains(BenchRun.AnvilUrl) ? await AnvilNode.StartAsync(ct: ct) : null;
        foreach (var arg in run.Arguments)
            info.ArgumentList.Add(arg == BenchRun.AnvilUrl ? anvil!.HttpUrl.ToString().TrimEnd('/') : arg);
        await log.WriteLineAsync($"$ {run.CommandLine}");
        var stdout = new List<string>();
        var last = "";
        var sync = new object();
        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => OnLine(e.Data, stdout);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data, null);
        var watch = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // A terminal gets a spinner refreshed every second; a log (not interactive) a progress line every 30 s.
        var interactive = console.Profile.Capabilities.Interactive;
        var exited = process.WaitForExitAsync(ct);
        await console.Status().StartAsync(label, async ctx =>
        {
            var every = interactive ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(30);
            while (await Task.WhenAny(exited, Task.Delay(every, ct)) != exited)
            {
                string status;
                lock (sync)
                    status = $"{label} {watch.Elapsed:mm\\:ss} {Markup.Escape(Truncate(last, 100))}";
                if (interactive)
                    ctx.Status(status);
                else
                    console.MarkupLine(status);
            }
            await exited;
        });
        console.MarkupLine($"[grey]    {watch.Elapsed:mm\\:ss} elapsed, exit code {process.ExitCode}; log {Markup.Escape(Path.GetRelativePath(root, ((FileStream)log.BaseStream).Name))}[/]");
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{run.CommandLine} exited with {process.ExitCode}; last lines:\n{string.Join('\n', stdout.TakeLast(20))}");
        return stdout;

        void OnLine(string? line, List<string>? into)
        {
            if (line is null)
                return;
            lock (sync)
            {
                log.WriteLine(line);
                into?.Add(line);
                if (line.Trim().Length > 0)
                    last = line.Trim();
            }
        }
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max] + "…";
}
