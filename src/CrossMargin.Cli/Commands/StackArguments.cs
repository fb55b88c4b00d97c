using System.CommandLine;
using CrossMargin.Cli.Options;
using CrossMargin.Cli.Stack;

namespace CrossMargin.Cli.Commands;

/// <summary>The options `up` and `demo` share (node and keeper signer from the shared binders), and their translation into <see cref="StackOptions"/>.</summary>
internal sealed class StackArguments
{
    private readonly IndexStoreOptions _store = new();
    private readonly RpcEndpointOptions _node = new(NodeChoice.StartOrConnect, webSocket: true);
    private readonly Option<string> _deployment = new("--deployment") { Description = "existing deployment.json (default: the data directory's, deployed when missing)" };
    private readonly Option<int> _apiPort = new("--api-port") { Description = "port of the query API", DefaultValueFactory = _ => 8080 };
    private readonly Option<bool> _noKeeper = new("--no-keeper") { Description = "do not run the liquidation keeper" };
    private readonly SignerOptions _keeperSigner = new(prefix: "keeper-", keyVariableDefault: false);
    private readonly Option<int> _keeperMetricsPort = new("--keeper-metrics-port") { Description = "port of the keeper's Prometheus /metrics", DefaultValueFactory = _ => 9464 };

    public void AddTo(Command command)
    {
        _store.AddTo(command);
        _node.AddTo(command);
        foreach (var option in new Option[] { _deployment, _apiPort, _noKeeper, _keeperMetricsPort })
            command.Options.Add(option);
        _keeperSigner.AddTo(command);
        command.Validators.Add(result =>
        {
            foreach (var port in new[] { _apiPort, _keeperMetricsPort })
            {
                if (result.GetValue(port) is < 0 or > 65535)
                    result.AddError($"{port.Name} must be a TCP port (0–65535)");
            }
        });
    }

    /// <summary>Binds the stack's options and runs <paramref name="run"/> with them; an unusable value (a
    /// <see cref="UsageException"/>) is printed as "crossmargin COMMAND: message" with exit code 1 and nothing is started.</summary>
    public Task<int> RunBound(ParseResult parse, Func<StackOptions, Task<int>> run)
    {
        StackOptions options;
        try
        {
            options = Bind(parse);
        }
        catch (UsageException e)
        {
            parse.InvocationConfiguration.Error.WriteLine($"crossmargin {parse.CommandResult.Command.Name}: {e.Message}");
            return Task.FromResult(1);
        }
        return run(options);
    }

    /// <summary>The stack's options; a <see cref="UsageException"/> names an unusable value (e.g. $CROSSMARGIN_RPC_PORT).</summary>
    public StackOptions Bind(ParseResult parse)
    {
        var rpc = _node.Rpc(parse);
        return new()
        {
            DataDir = _store.Data(parse).Root,
            // Read only when Anvil is started: a bad $CROSSMARGIN_RPC_PORT does not matter with --rpc-url.
            AnvilPort = rpc is null ? _node.AnvilPort(parse) : RpcEndpointOptions.AnvilDefaultPort,
            RpcUrl = rpc,
            WsUrl = _node.Ws(parse),
            DeploymentPath = parse.GetValue(_deployment) is { Length: > 0 } d ? Path.GetFullPath(d) : null,
            Postgres = _store.PostgresConnection(parse),
            ApiPort = parse.GetValue(_apiPort),
            Keeper = !parse.GetValue(_noKeeper),
            KeeperSigner = _keeperSigner.Read(parse),
            KeeperMetricsPort = parse.GetValue(_keeperMetricsPort),
        };
    }
}
