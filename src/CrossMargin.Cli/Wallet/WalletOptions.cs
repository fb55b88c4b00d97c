using System.CommandLine;
using CrossMargin.Cli.Options;

namespace CrossMargin.Cli.Wallet;

/// <summary>The node, deployment and signer options every wallet command takes (node and signer from the shared binders); <see cref="Read"/> turns a parse into settings.</summary>
internal sealed class WalletOptions
{
    private readonly RpcEndpointOptions _node = new(NodeChoice.Connect, webSocket: false);
    private readonly SignerOptions _signer = new();

    private readonly Option<string?> _deployment = new("--deployment")
    {
        Description = "deployment.json written by `crossmargin up` (default: the data directory's, $CROSSMARGIN_DATA or .data/)",
    };

    public void AddTo(Command command)
    {
        _node.AddTo(command);
        command.Options.Add(_deployment);
        _signer.AddTo(command);
    }

    /// <summary>The resolved settings; a <see cref="UsageException"/> names an unusable value.</summary>
    public WalletSettings Read(ParseResult parse) => new(
        _node.Rpc(parse)!,
        parse.GetValue(_deployment) ?? Stack.DataDirectory.At(null).Deployment,
        _signer.Read(parse)!);
}
