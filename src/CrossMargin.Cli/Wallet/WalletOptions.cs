using System.CommandLine;

namespace CrossMargin.Cli.Wallet;

/// <summary>The connection and key options every wallet command takes; <see cref="Read"/> turns a parse into settings.</summary>
internal sealed class WalletOptions
{
    public const string DefaultKeyVariable = "CROSSMARGIN_PRIVATE_KEY";

    private readonly Option<string> _rpcUrl = new("--rpc-url")
    {
        Description = "JSON-RPC endpoint of the node (default: the devnet of `crossmargin up`, port $CROSSMARGIN_RPC_PORT or 8545)",
        // The same port variable as ./crossmargin up, so a devnet on another port needs no flag.
        DefaultValueFactory = _ => "http://127.0.0.1:" + (Environment.GetEnvironmentVariable("CROSSMARGIN_RPC_PORT") is { Length: > 0 } port ? port : "8545"),
    };

    private readonly Option<string?> _deployment = new("--deployment")
    {
        Description = "deployment.json written by `crossmargin up` (default: $CROSSMARGIN_DATA/deployment.json, else .data/deployment.json)",
    };

    private readonly Option<string> _keyEnv = new("--key-env")
    {
        Description = "environment variable holding the signer's 0x-hex private key",
        DefaultValueFactory = _ => DefaultKeyVariable,
    };

    private readonly Option<string?> _keystore = new("--keystore") { Description = "v3 keystore file of the signer (instead of --key-env)" };

    private readonly Option<string?> _passwordEnv = new("--password-env")
    {
        Description = "environment variable holding the keystore password (default: prompt)",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(_rpcUrl);
        command.Options.Add(_deployment);
        command.Options.Add(_keyEnv);
        command.Options.Add(_keystore);
        command.Options.Add(_passwordEnv);
    }

    public WalletSettings Read(ParseResult parse)
    {
        var url = parse.GetValue(_rpcUrl)!;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var rpc) || (rpc.Scheme != Uri.UriSchemeHttp && rpc.Scheme != Uri.UriSchemeHttps))
            throw new WalletException($"bad --rpc-url '{url}': expected an http(s) URL such as http://127.0.0.1:8545");
        return new WalletSettings(
            rpc,
            parse.GetValue(_deployment) ?? Stack.DataDirectory.At(null).Deployment,
            parse.GetValue(_keyEnv)!,
            parse.GetValue(_keystore),
            parse.GetValue(_passwordEnv));
    }
}
