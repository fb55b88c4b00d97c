using System.CommandLine;
using System.Globalization;
using CrossMargin.Cli.Stack;

namespace CrossMargin.Cli.Commands;

/// <summary>The options `up` and `demo` share, and their translation into <see cref="StackOptions"/>.</summary>
internal sealed class StackArguments
{
    private readonly Option<string> _dataDir = new("--data-dir") { Description = "chain state, deployment.json, SQLite index, keeper checkpoint (default: $CROSSMARGIN_DATA or .data/)" };
    private readonly Option<int> _port = new("--port") { Description = "port of the Anvil that `up` starts", DefaultValueFactory = _ => DefaultPort() };
    private readonly Option<Uri> _rpcUrl = UrlOption("--rpc-url", "use this node instead of starting Anvil", "http", "https");
    private readonly Option<Uri> _wsUrl = UrlOption("--ws-url", "WebSocket of --rpc-url (otherwise indexer and keeper poll over HTTP)", "ws", "wss");
    private readonly Option<string> _deployment = new("--deployment") { Description = "existing deployment.json (default: the data directory's, deployed when missing)" };
    private readonly Option<string> _postgres = new("--postgres") { Description = "PostgreSQL connection string (Host=…) for the index instead of SQLite" };
    private readonly Option<int> _apiPort = new("--api-port") { Description = "port of the query API", DefaultValueFactory = _ => 8080 };
    private readonly Option<bool> _noKeeper = new("--no-keeper") { Description = "do not run the liquidation keeper" };
    private readonly Option<string> _keeperKeyEnv = new("--keeper-key-env") { Description = "environment variable holding the keeper's private key (default: Anvil dev account 1)" };
    private readonly Option<int> _keeperMetricsPort = new("--keeper-metrics-port") { Description = "port of the keeper's Prometheus /metrics", DefaultValueFactory = _ => 9464 };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _dataDir, _port, _rpcUrl, _wsUrl, _deployment, _postgres, _apiPort, _noKeeper, _keeperKeyEnv, _keeperMetricsPort })
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetValue(_wsUrl) is not null && result.GetValue(_rpcUrl) is null)
                result.AddError("--ws-url needs --rpc-url (without it `up` starts Anvil and uses its WebSocket)");
            if (result.GetValue(_postgres) is { } pg && !pg.Contains("Host=", StringComparison.OrdinalIgnoreCase))
                result.AddError("--postgres expects a PostgreSQL connection string such as \"Host=localhost;Database=crossmargin;Username=…\"");
            foreach (var port in new[] { _port, _apiPort, _keeperMetricsPort })
            {
                if (result.GetValue(port) is < 0 or > 65535)
                    result.AddError($"{port.Name} must be a TCP port (0–65535)");
            }
        });
    }

    public StackOptions Bind(ParseResult parse) => new()
    {
        DataDir = DataDirectory.At(parse.GetValue(_dataDir)).Root,
        AnvilPort = parse.GetValue(_port),
        RpcUrl = parse.GetValue(_rpcUrl),
        WsUrl = parse.GetValue(_wsUrl),
        DeploymentPath = parse.GetValue(_deployment) is { Length: > 0 } d ? Path.GetFullPath(d) : null,
        Postgres = parse.GetValue(_postgres),
        ApiPort = parse.GetValue(_apiPort),
        Keeper = !parse.GetValue(_noKeeper),
        KeeperKeyEnv = parse.GetValue(_keeperKeyEnv),
        KeeperMetricsPort = parse.GetValue(_keeperMetricsPort),
    };

    /// <summary>System.CommandLine has no Uri parser: an absolute URL with one of <paramref name="schemes"/>, or a named error.</summary>
    private static Option<Uri> UrlOption(string name, string description, params string[] schemes) => new(name)
    {
        Description = description,
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
                return uri;
            r.AddError($"{name} expects a {string.Join(" or ", schemes)} URL, got '{text}'");
            return null;
        },
    };

    /// <summary>$CROSSMARGIN_RPC_PORT (what the bash entry point honoured), else Anvil's usual 8545.</summary>
    private static int DefaultPort() =>
        int.TryParse(Environment.GetEnvironmentVariable("CROSSMARGIN_RPC_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var port) ? port : 8545;
}
