using System.CommandLine;
using System.Text.Json;
using CrossMargin.Cli.Options;
using CrossMargin.Cli.Stack;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Keeper;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// `crossmargin keeper`: the liquidation keeper as a standalone process for operators. Prints where it is, one line per
/// attempt outcome, and on Ctrl-C/SIGTERM stops gracefully (final checkpoint in --data-dir). A kill loses nothing the
/// keeper cannot recover: it resumes from the last checkpoint and re-tracks the transactions it had in flight.
/// </summary>
internal static class KeeperCommand
{
    public static Command Create()
    {
        var node = new RpcEndpointOptions(NodeChoice.Connect, webSocket: true);
        var signer = new SignerOptions();
        var deployment = new Option<FileInfo?>("--deployment") { Description = "deployment.json written by `up` (its \"engine\" address)" };
        var engine = new Option<string?>("--engine") { Description = "MarginEngine address (instead of --deployment)" };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "data directory whose keeper/checkpoint.json is resumed and kept, e.g. the one `up` uses (none: every start reloads the whole log history)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "find, plan and confirm by eth_call, send nothing" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "serve Prometheus /metrics on 127.0.0.1:PORT" };
        var command = new Command("keeper", "run the liquidation keeper until Ctrl-C/SIGTERM")
        {
            deployment, engine, dataDir, dryRun, metricsPort,
        };
        node.AddTo(command);
        signer.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            KeeperOptions options;
            try
            {
                var data = parse.GetValue(dataDir) is { } dir ? DataDirectory.At(dir.FullName) : null;
                if (data?.PrepareKeeperCheckpoint() == true)
                    await output.WriteLineAsync($"checkpoint moved from the old layout (keeper-checkpoint.json) to {data.KeeperCheckpoint}");
                options = new KeeperOptions
                {
                    RpcUrl = node.Rpc(parse)!,
                    WebSocketUrl = node.Ws(parse),
                    Engine = EngineAddress(parse.GetValue(engine), parse.GetValue(deployment)),
                    Key = signer.Read(parse)!.Load(PasswordPrompt.Read),
                    DryRun = parse.GetValue(dryRun),
                    CheckpointPath = data?.KeeperCheckpoint,
                    MetricsPort = parse.GetValue(metricsPort),
                };
            }
            catch (Exception e) when (e is UsageException or InvalidOperationException or ArgumentException or IOException or FormatException or JsonException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"crossmargin keeper: {e.Message}");
                return 2;
            }
            await using var keeper = await KeeperHost.StartAsync(options, ct);
            await output.WriteLineAsync($"keeper {options.Key.Address}{(options.DryRun ? " (dry run)" : "")} on engine {options.Engine}");
            await output.WriteLineAsync($"  rpc {options.RpcUrl}, feed {(keeper.UsesWebSocket ? $"websocket {options.WebSocketUrl}" : "http polling")}");
            await output.WriteLineAsync($"  book {keeper.BookSize} accounts ({(keeper.Resumed ? "resumed from checkpoint" : "loaded from the chain")}), checkpoint {options.CheckpointPath ?? "none"}");
            if (options.MetricsPort is { } port)
                await output.WriteLineAsync($"  metrics http://127.0.0.1:{port}/metrics");
            await output.WriteLineAsync("ready (Ctrl-C stops)");
            try
            {
                await foreach (var outcome in keeper.Outcomes.ReadAllAsync(ct))
                    await output.WriteLineAsync($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {outcome}");
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
            await keeper.DisposeAsync();
            await output.WriteLineAsync($"stopped{(options.CheckpointPath is { } p ? $"; checkpoint written to {p}" : "")}");
            return 0;
        });
        return command;
    }

    private static Address EngineAddress(string? engine, FileInfo? deployment)
    {
        if (engine is not null)
            return Address.Parse(engine);
        return deployment is not null
            ? Deployment.Load(deployment.FullName).Engine
            : throw new InvalidOperationException("give --deployment <file> or --engine <address>");
    }
}
