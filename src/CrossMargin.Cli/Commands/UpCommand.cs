using System.CommandLine;
using CrossMargin.Cli.Display;
using CrossMargin.Cli.Stack;
using Microsoft.Extensions.Logging;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// `crossmargin up`: devnet (Anvil, state in the data directory), contracts (deployed once), indexer, query API and
/// keeper in this process until Ctrl-C/SIGTERM; the next `up` resumes all of them.
/// </summary>
internal static class UpCommand
{
    public static Command Create()
    {
        var stack = new StackArguments();
        var command = new Command("up", "run the devnet, indexer, query API and keeper until Ctrl-C (a second `up` resumes)");
        stack.AddTo(command);
        command.SetAction((parse, ct) => stack.RunBound(parse, options => RunAsync(options, parse.InvocationConfiguration.Output, ct)));
        return command;
    }

    /// <summary>Runs until <paramref name="ct"/> is cancelled, then stops everything cleanly. Logs go to stderr.</summary>
    public static async Task<int> RunAsync(StackOptions options, TextWriter output, CancellationToken ct)
    {
        using var loggers = ServiceLogging.Create();
        void Say(string line) => output.WriteLine($"==> {line}");
        DevStack stack;
        try
        {
            stack = await DevStack.StartAsync(options, loggers, Say, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 130;
        }
        catch (Exception e)
        {
            // Start-up failed; DevStack has already stopped whatever it had started.
            Console.Error.WriteLine($"crossmargin up: {Describe(e)}");
            return 1;
        }
        var exit = await ServeAsync(stack, output, Say, ct);
        try
        {
            await stack.DisposeAsync();
        }
        catch (AggregateException e)
        {
            Console.Error.WriteLine($"crossmargin up: stopping: {string.Join("; ", e.InnerExceptions.Select(Describe))}");
            return 1;
        }
        if (exit == 0)
            Say("stopped");
        return exit;
    }

    /// <summary>Prints the banner and keeper outcomes until Ctrl-C (0) or a service stopping on its own (1).</summary>
    private static async Task<int> ServeAsync(DevStack stack, TextWriter output, Action<string> say, CancellationToken ct)
    {
        Print(stack, output);
        say("press Ctrl-C to stop");
        var outcomes = stack.Keeper is { } keeper ? PrintOutcomesAsync(keeper, output, ct) : Task.CompletedTask;
        // A resumed index over a long chain can take a while: in a terminal, a progress bar until the backfill is done
        // (piped output gets the same figures from the indexer's structured log lines).
        var backfill = CliConsole.IsTerminal(output) && !stack.Indexer.Status.IsReady
            ? BackfillProgressView.ShowAsync(CliConsole.Create(output), stack.Indexer.Status, TimeSpan.FromMilliseconds(250), ct)
            : Task.CompletedTask;
        try
        {
            await stack.WaitForFailureAsync(ct);
            Console.Error.WriteLine("crossmargin up: a service stopped unexpectedly");
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            say("stopping: keeper checkpoint, indexer, anvil state");
            return 0;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"crossmargin up: {Describe(e)}");
            return 1;
        }
        finally
        {
            await outcomes.ContinueWith(_ => { }, TaskScheduler.Default);
            await backfill.ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>The banner: URLs, addresses, keeper, data directory.</summary>
    public static void Print(DevStack stack, TextWriter output)
    {
        output.WriteLine($"==> devnet ready: RPC {stack.RpcUrl}{(stack.WsUrl is { } ws ? $" (WebSocket {ws})" : "")}, chain id {stack.ChainId}");
        foreach (var (name, address) in stack.Deployment.Addresses)
            output.WriteLine($"  {name,-8} {address}");
        output.WriteLine($"  api      {stack.ApiUrl} (OpenAPI {new Uri(stack.ApiUrl, "/openapi/v1.json")}, metrics {new Uri(stack.ApiUrl, "/metrics")})");
        output.WriteLine(stack.Keeper is { } k
            ? $"  keeper   {k.Signer} (metrics {stack.KeeperMetricsUrl}, book {k.BookSize} accounts{(k.Resumed ? ", resumed from checkpoint" : "")})"
            : "  keeper   off (--no-keeper)");
        output.WriteLine($"  data     {stack.Options.DataDir} (index: {(stack.Options.Postgres is null ? stack.Options.Layout.IndexDb : "PostgreSQL")})");
    }

    /// <summary>Expected failures carry their own message; anything else also names its type.</summary>
    public static string Describe(Exception e) =>
        e is Options.UsageException or InvalidOperationException or FileNotFoundException or FormatException or TimeoutException or IOException or HttpRequestException
            ? e.Message
            : $"{e.GetType().Name}: {e.Message}";

    private static async Task PrintOutcomesAsync(Keeper.KeeperHost keeper, TextWriter output, CancellationToken ct)
    {
        await foreach (var outcome in keeper.Outcomes.ReadAllAsync(ct))
            output.WriteLine($"  keeper: {outcome}");
    }
}
