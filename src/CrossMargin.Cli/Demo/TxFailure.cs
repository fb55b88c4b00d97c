namespace CrossMargin.Cli.Demo;

/// <summary>A transaction the node refused (JSON-RPC error) after the pipeline's recovery gave up; it was not sent and
/// its nonce was not used.</summary>
internal sealed record TxFailure(TxRequest Request, ulong Nonce, int Code, string Message)
{
    public string Describe() => $"{Request.Label} from {Request.Wallet.Address} (nonce {Nonce}): JSON-RPC {Code} {Message}";
}
