using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Cli.Wallet;

/// <summary>A depositable token: the quote asset (<see cref="CollateralIndex"/> null) or listed collateral.</summary>
internal sealed record Asset(string Symbol, Address Address, int Decimals, int? CollateralIndex)
{
    public bool IsQuote => CollateralIndex is null;
}
