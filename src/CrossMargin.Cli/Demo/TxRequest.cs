using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Cli.Demo;

/// <summary>A demo transaction before signing: <see cref="TxPipeline"/> signs it when it goes out, with the wallet's
/// nonce at that moment, so a rejected submission never leaves a gap behind it.</summary>
internal sealed record TxRequest(DemoWallet Wallet, Address To, byte[] Data, ulong Gas, string Label);
