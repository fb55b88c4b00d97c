using CrossMargin.Risk.Model;

namespace CrossMargin.Cli.Compare;

/// <summary>One perp position of a portfolio: signed size in base units (long &gt; 0).</summary>
internal readonly record struct Leg(int Market, decimal Size);

/// <summary>
/// A portfolio to margin three ways. <see cref="Weth"/> is WETH held as collateral (linked to ETH-PERP); the rest of
/// the funding is USDC. ISOLATED holds one market per account, so it splits the portfolio into one account per leg and
/// gives the WETH to the ETH-PERP account.
/// </summary>
internal sealed record Portfolio(string Name, string Description, IReadOnlyList<Leg> Legs, decimal Weth = 0)
{
    /// <summary>The accounts this portfolio needs in <paramref name="mode"/>: one, or one per leg for ISOLATED.</summary>
    public IReadOnlyList<Portfolio> Accounts(MarginMode mode) =>
        mode != MarginMode.Isolated || Legs.Count == 1
            ? [this]
            : [.. Legs.Select(l => this with { Legs = [l], Weth = l.Market == CompareMarkets.Eth ? Weth : 0 })];

    /// <summary>The four portfolios of the comparison, at the devnet's opening prices.</summary>
    public static IReadOnlyList<Portfolio> All { get; } =
    [
        new("directional", "long 10 ETH-PERP (20,000 USD)", [new(CompareMarkets.Eth, 10)]),
        new("hedged pair", "long 1 BTC-PERP / short 30 ETH-PERP (60,000 USD each, ρ = 0.8)", [new(CompareMarkets.Btc, 1), new(CompareMarkets.Eth, -30)]),
        new("basis trade", "10 WETH collateral / short 10 ETH-PERP", [new(CompareMarkets.Eth, -10)], Weth: 10),
        new("five-market book", "long 10 ETH, short 0.25 BTC, long 100 SOL, short 500 LINK, long 300 AVAX",
            [new(CompareMarkets.Eth, 10), new(CompareMarkets.Btc, -0.25m), new(CompareMarkets.Sol, 100), new(CompareMarkets.Link, -500), new(CompareMarkets.Avax, 300)]),
    ];
}
