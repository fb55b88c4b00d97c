using System.CommandLine;
using System.Text.Json;
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
        var rpc = new Option<string>("--rpc-url") { Description = "JSON-RPC over HTTP", DefaultValueFactory = _ => "http://127.0.0.1:8545" };
        var ws = new Option<string?>("--ws-url") { Description = "WebSocket endpoint for eth_subscribe (default: poll over HTTP)" };
        var deployment = new Option<FileInfo?>("--deployment") { Description = "deployment.json written by `up` (its \"engine\" address)" };
        var engine = new Option<string?>("--engine") { Description = "MarginEngine address (instead of --deployment)" };
        var keyEnv = new Option<string?>("--key-env") { Description = "name of the environment variable holding the 0x private key" };
        var keystore = new Option<FileInfo?>("--keystore") { Description = "keystore (Web3 Secret Storage v3) file" };
        var passwordEnv = new Option<string>("--password-env") { Description = "environment variable holding the keystore password", DefaultValueFactory = _ => "CROSSMARGIN_KEYSTORE_PASSWORD" };
        var dataDir = new Option<DirectoryInfo?>("--data-dir") { Description = "data directory whose keeper/checkpoint.json is resumed and kept, e.g. the one `up` uses (none: every start reloads the whole log history)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "find, plan and confirm by eth_call, send nothing" };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "serve Prometheus /metrics on 127.0.0.1:PORT" };
        var command = new Command("keeper", "run the liquidation keeper until Ctrl-C/SIGTERM")
        {
            rpc, ws, deployment, engine, keyEnv, keystore, passwordEnv, dataDir, dryRun, metricsPort,
        };
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
                    RpcUrl = new Uri(parse.GetValue(rpc)!),
                    WebSocketUrl = parse.GetValue(ws) is { } url ? new Uri(url) : null,
                    Engine = EngineAddress(parse.GetValue(engine), parse.GetValue(deployment)),
                    Key = LoadKey(parse.GetValue(keyEnv), parse.GetValue(keystore), parse.GetValue(passwordEnv)!),
                    DryRun = parse.GetValue(dryRun),
                    CheckpointPath = data?.KeeperCheckpoint,
                    MetricsPort = parse.GetValue(metricsPort),
                };
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or IOException or FormatException or JsonException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
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

    /// <summary>From exactly one source; errors name the variable or file, never the key (KeySource).</summary>
    private static PrivateKey LoadKey(string? keyEnv, FileInfo? keystore, string passwordEnv) => (keyEnv, keystore) switch
    {
        ({ } name, null) => KeySource.FromEnvironment(name),
        (null, { } file) => KeySource.FromKeystoreFile(file.FullName, Environment.GetEnvironmentVariable(passwordEnv)
            ?? throw new InvalidOperationException($"environment variable {passwordEnv} (keystore password) is not set")),
        _ => throw new InvalidOperationException("give exactly one of --key-env NAME or --keystore FILE"),
    };
}
