using System.CommandLine;
using CrossMargin.Cli.Display;
using CrossMargin.Cli.Options;
using CrossMargin.Indexer.Hosting;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// `crossmargin serve`: the query API alone, read-only against an index `crossmargin index` (or `up`) writes. It never
/// migrates or writes, so several may run at once (each on its own port), e.g. replicas over one PostgreSQL. Readiness is
/// "a checkpoint exists"; each request sees the latest committed range. Stops on Ctrl-C/SIGTERM.
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = new IndexStoreOptions();
        var port = new Option<int>("--api-port") { Description = "port of the query API (127.0.0.1)", DefaultValueFactory = _ => 8080 };
        var command = new Command("serve", "run the query API alone, read-only against an existing index (several may run at once) until Ctrl-C/SIGTERM");
        store.AddTo(command);
        command.Options.Add(port);
        command.Validators.Add(result =>
        {
            if (result.GetValue(port) is < 0 or > 65535)
                result.AddError("--api-port must be a TCP port (0–65535)");
        });
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (store.PostgresConnection(parse) is null && !File.Exists(store.Data(parse).IndexDb))
            {
                await error.WriteLineAsync($"crossmargin serve: no index at {store.Data(parse).IndexDb}: start `crossmargin index` (or `up`) first, or pass --postgres");
                return 1;
            }
            using var loggers = ServiceLogging.Create();
            ApiHost api;
            try
            {
                api = await ApiHost.StartAsync(new ApiOptions { ConnectionString = store.ConnectionString(parse), Port = parse.GetValue(port), ReadOnly = true }, status: null, loggers, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return 130;
            }
            catch (Exception e)
            {
                await error.WriteLineAsync($"crossmargin serve: {UpCommand.Describe(e)}");
                return 1;
            }
            await using (api)
            {
                await output.WriteLineAsync($"==> serving {api.Url} (OpenAPI {new Uri(api.Url, "/openapi/v1.json")}) read-only from {store.Describe(parse)}");
                await output.WriteLineAsync("==> press Ctrl-C to stop");
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C/SIGTERM: Kestrel drains in-flight requests on dispose.
                }
            }
            await output.WriteLineAsync("==> stopped");
            return 0;
        });
        return command;
    }
}
