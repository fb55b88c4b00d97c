using System.CommandLine;
using System.Globalization;

namespace CrossMargin.Cli.Options;

/// <summary>
/// The one way to choose the node: `--rpc-url` (default: the local devnet, http://127.0.0.1:$CROSSMARGIN_RPC_PORT, else
/// port 8545) and, for commands that follow the chain, `--ws-url`. With <see cref="NodeChoice.StartOrConnect"/> (`up`,
/// `demo`) `--rpc-url` has no default: without it Anvil is started on `--port` (same default port). Every command that
/// talks to a node binds it here, so the variable is read and the URLs are checked in one place.
/// </summary>
internal sealed class RpcEndpointOptions
{
    public const string PortVariable = "CROSSMARGIN_RPC_PORT";
    public const int AnvilDefaultPort = 8545;
    private readonly Func<string, string?> _environment;
    private readonly NodeChoice _choice;

    /// <param name="choice">connect to a node, or (`up`) start Anvil unless --rpc-url names one</param>
    /// <param name="webSocket">add --ws-url (commands that follow the chain)</param>
    /// <param name="environment">environment lookup (tests pass their own)</param>
    public RpcEndpointOptions(NodeChoice choice, bool webSocket, Func<string, string?>? environment = null)
    {
        _choice = choice;
        _environment = environment ?? Environment.GetEnvironmentVariable;
        RpcUrl = UrlOption("--rpc-url", choice == NodeChoice.Connect
            ? $"JSON-RPC endpoint of the node (default: the local devnet, http://127.0.0.1:${PortVariable}, else port {AnvilDefaultPort})"
            : "use this node instead of starting Anvil", "http", "https");
        WsUrl = webSocket ? UrlOption("--ws-url", "WebSocket endpoint for eth_subscribe (default: poll over HTTP)", "ws", "wss") : null;
        Port = choice == NodeChoice.StartOrConnect
            ? new Option<int?>("--port") { Description = $"port of the Anvil that is started (default: ${PortVariable}, else {AnvilDefaultPort})" }
            : null;
    }

    public Option<Uri> RpcUrl { get; }

    public Option<Uri>? WsUrl { get; }

    public Option<int?>? Port { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(RpcUrl);
        if (WsUrl is not null)
            command.Options.Add(WsUrl);
        if (Port is not null)
            command.Options.Add(Port);
        command.Validators.Add(result =>
        {
            if (_choice == NodeChoice.StartOrConnect && WsUrl is not null && result.GetValue(WsUrl) is not null && result.GetValue(RpcUrl) is null)
                result.AddError("--ws-url needs --rpc-url (without it Anvil is started and its WebSocket used)");
            if (Port is not null && result.GetValue(Port) is < 1 or > 65535)
                result.AddError("--port must be a TCP port (1–65535)");
        });
    }

    /// <summary>The node's HTTP endpoint: --rpc-url, else the local devnet on <see cref="DefaultPort"/>. Null with
    /// <see cref="NodeChoice.StartOrConnect"/> and no --rpc-url (start Anvil).</summary>
    public Uri? Rpc(ParseResult parse) =>
        parse.GetValue(RpcUrl) ?? (_choice == NodeChoice.Connect ? new Uri($"http://127.0.0.1:{DefaultPort()}") : null);

    public Uri? Ws(ParseResult parse) => WsUrl is null ? null : parse.GetValue(WsUrl);

    /// <summary>Port of the Anvil to start (<see cref="NodeChoice.StartOrConnect"/>): --port, else <see cref="DefaultPort"/>.</summary>
    public int AnvilPort(ParseResult parse) => (Port is null ? null : parse.GetValue(Port)) ?? DefaultPort();

    /// <summary>$CROSSMARGIN_RPC_PORT when set (it must be a port), else 8545.</summary>
    public int DefaultPort()
    {
        var text = _environment(PortVariable);
        if (string.IsNullOrWhiteSpace(text))
            return AnvilDefaultPort;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? port
            : throw new UsageException($"{PortVariable}='{text}' is not a TCP port (1–65535)");
    }

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
}
