using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Cli.Wallet;

/// <summary>A listed perp market, named by its feed's description ("ETH / USD" → ETH).</summary>
internal sealed record Market(int Id, string Symbol, string Description, Address Feed, int FeedDecimals);
