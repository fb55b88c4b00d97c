namespace CrossMargin.Cli.Wallet;

/// <summary>An expected failure of a wallet command (bad input, refused action): its message is shown to the user as is.</summary>
internal sealed class WalletException(string message) : Exception(message);
