using System.CommandLine;
using CrossMargin.Cli.Display;
using CrossMargin.Cli.Options;
using CrossMargin.Contracts;
using CrossMargin.Indexer.Hosting;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// `crossmargin index`: the indexer alone. Follows the chain into SQLite (the data directory's index.db) or PostgreSQL
/// until Ctrl-C/SIGTERM; `crossmargin serve` processes answer queries from the same database. Banner and `==>` lines on
/// stdout, logs on stderr, a progress bar in a terminal, as `up` does them. Restart-safe: it resumes from its checkpoint.
/// </summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var store = new IndexStoreOptions();
        var node = new RpcEndpointOptions(NodeChoice.Connect, webSocket: true);
        var deployment = new Option<string?>("--deployment") { Description = "deployment.json (default: the data directory's)" };
        var command = new Command("index", "run the indexer alone: follow the chain into SQLite or PostgreSQL until Ctrl-C/SIGTERM (`serve` answers from it)");
        store.AddTo(command);
        node.AddTo(command);
        command.Options.Add(deployment);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            IndexerOptions options;
            try
            {
                var data = store.Data(parse);
                options = new IndexerOptions
                {
                    RpcUrl = node.Rpc(parse)!,
                    WsUrl = node.Ws(parse),
                    Deployment = Deployment.Load(parse.GetValue(deployment) ?? data.Deployment),
                    ConnectionString = store.ConnectionString(parse),
                };
                if (store.PostgresConnection(parse) is null)
                    Directory.CreateDirectory(data.Root);
            }
            catch (Exception e) when (e is UsageException or FileNotFoundException or FormatException or IOException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"crossmargin index: {e.Message}");
                return 1;
            }
            using var loggers = ServiceLogging.Create();
            var host = new IndexerHost(options, loggers);
            await output.WriteLineAsync($"==> indexing engine {options.Deployment.Engine} and {options.Deployment.Feeds.Count} feeds from {options.RpcUrl} into {store.Describe(parse)}");
            await output.WriteLineAsync("==> press Ctrl-C to stop");
            var progress = CliConsole.IsTerminal(output)
                ? BackfillProgressView.ShowAsync(CliConsole.Create(output), host.Status, TimeSpan.FromMilliseconds(250), ct)
                : Task.CompletedTask;
            try
            {
                await host.RunAsync(ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping: every committed range carries its checkpoint.
            }
            catch (Exception e)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"crossmargin index: {UpCommand.Describe(e)}");
                return 1;
            }
            finally
            {
                await progress.ContinueWith(_ => { }, TaskScheduler.Default);
            }
            await output.WriteLineAsync($"==> stopped at block {host.Status.IndexedBlock}");
            return 0;
        });
        return command;
    }
}
