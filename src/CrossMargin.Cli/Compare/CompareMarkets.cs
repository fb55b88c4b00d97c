using CrossMargin.Contracts;
using CrossMargin.Devnet;

namespace CrossMargin.Cli.Compare;

/// <summary>
/// The devnet's three markets plus two listed here so a five-market book exists: LINK and AVAX with SOL's risk
/// parameters (imf 20%, mmf 10%, σ 20%) and correlations in the range of the devnet's (0.5–0.8). The correlation matrix
/// is positive definite (checked by <see cref="PricePaths"/>' Cholesky factorisation, which would throw otherwise).
/// </summary>
internal static class CompareMarkets
{
    public const int Eth = 1, Btc = 2, Sol = 3, Link = 4, Avax = 5;

    public static readonly string[] Names = ["", "ETH", "BTC", "SOL", "LINK", "AVAX"];

    public static readonly decimal[] OpeningPrice = [0, 2_000m, 60_000m, 150m, 20m, 30m];

    /// <summary>ρ between markets i &lt; j, as set on chain (devnet's for 1–3).</summary>
    public static readonly (int I, int J, decimal Rho)[] Correlations =
    [
        (1, 2, 0.8m), (1, 3, 0.6m), (2, 3, 0.5m),
        (1, 4, 0.7m), (2, 4, 0.6m), (3, 4, 0.6m),
        (1, 5, 0.7m), (2, 5, 0.6m), (3, 5, 0.7m), (4, 5, 0.6m),
    ];

    public static decimal Rho(int i, int j) =>
        i == j ? 1m : Correlations.Single(c => (c.I, c.J) == (Math.Min(i, j), Math.Max(i, j))).Rho;

    /// <summary>Lists LINK and AVAX and the correlations the deploy script does not set.</summary>
    public static async Task ListExtraAsync(DevnetContracts devnet, CancellationToken ct)
    {
        foreach (var m in new[] { Link, Avax })
        {
            var feed = await DevnetContracts.FeedAsync(devnet.Owner, $"{Names[m]} / USD", OpeningPrice[m], ct);
            var id = await devnet.ListMarketAsync(feed, 0.2m, 0.1m, 0.2m, 100_000_000, ct);
            if (id != m)
                throw new InvalidOperationException($"{Names[m]}-PERP listed as market {id}, expected {m}");
        }
        // One batch: one pair at a time would pass through matrices that are not positive semi-definite (ETH–LINK 0.7
        // beside zeros for BTC and SOL), which the engine refuses.
        await devnet.SetCorrelationsAsync([.. Correlations.Where(c => c.J > Sol)], ct);
    }
}
