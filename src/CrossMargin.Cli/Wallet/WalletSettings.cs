using CrossMargin.Cli.Options;

namespace CrossMargin.Cli.Wallet;

/// <summary>Resolved connection and key options (no secret values: only where to find them).</summary>
internal sealed record WalletSettings(Uri RpcUrl, string DeploymentFile, SignerSource Signer);
