using System.Globalization;

namespace CrossMargin.Cli.Demo;

/// <summary>The demo's result: what happened on chain since it started, and whether the indexer's API agrees with the chain.</summary>
internal sealed record DemoSummary
{
    public required int Wallets { get; init; }
    public required int Trades { get; init; }
    public required double[] StartPrices { get; init; }
    public required double[] EndPrices { get; init; }
    public required int KeeperLiquidations { get; init; }
    public required int KeeperCollateralLiquidations { get; init; }
    public required int BadDebtSettlements { get; init; }
    public required int OtherLiquidations { get; init; }
    public required IReadOnlyList<double> LatenciesMs { get; init; }
    public required string KeeperOutcomes { get; init; }
    public required double InsuranceStartUsdc { get; init; }
    public required double InsuranceEndUsdc { get; init; }
    public required double BadDebtUsdc { get; init; }
    public required double SocializedUsdc { get; init; }
    public required int StillLiquidatable { get; init; }
    public required HealthSurvey Survey { get; init; }

    /// <summary>All-time counts on chain (eth_getLogs) and in the API's /stats, at the same indexed head.</summary>
    public required (long Liquidations, long CollateralLiquidations, long BadDebts) ChainTotals { get; init; }
    public required (long Liquidations, long CollateralLiquidations, long BadDebts) ApiTotals { get; init; }
    public required bool ApiInsuranceMatches { get; init; }

    public bool ApiAgrees => ChainTotals == ApiTotals && ApiInsuranceMatches;

    public IEnumerable<(string Label, string Value)> Rows()
    {
        var c = CultureInfo.InvariantCulture;
        string Prices(double[] p) => string.Create(c, $"ETH {p[0]:N0} / BTC {p[1]:N0} / SOL {p[2]:N2}");
        yield return ("wallets (accounts)", Wallets.ToString(c));
        yield return ("trades sent", Trades.ToString(c));
        yield return ("prices start → end", $"{Prices(StartPrices)} → {Prices(EndPrices)}");
        yield return ("liquidations by the keeper", string.Create(c, $"{KeeperLiquidations} position, {KeeperCollateralLiquidations} collateral"));
        yield return ("bad debt settlements", BadDebtSettlements.ToString(c));
        yield return ("liquidations by others", OtherLiquidations.ToString(c));
        yield return ("latency (price update → liquidation seen)", Latency());
        yield return ("keeper outcomes", KeeperOutcomes);
        yield return ("insurance fund", string.Create(c, $"{InsuranceStartUsdc:N2} → {InsuranceEndUsdc:N2} USDC"));
        yield return ("bad debt", string.Create(c, $"{BadDebtUsdc:N2} USDC ({SocializedUsdc:N2} socialized to LPs)"));
        yield return ("accounts still liquidatable", StillLiquidatable.ToString(c));
        yield return ("API /stats = chain", string.Create(c,
            $"{(ApiAgrees ? "yes" : "NO")}: liquidations {ApiTotals.Liquidations}/{ChainTotals.Liquidations}, collateral {ApiTotals.CollateralLiquidations}/{ChainTotals.CollateralLiquidations}, bad debt {ApiTotals.BadDebts}/{ChainTotals.BadDebts}, insurance {(ApiInsuranceMatches ? "equal" : "differs")}"));
    }

    private string Latency()
    {
        if (LatenciesMs.Count == 0)
            return "n/a";
        var sorted = LatenciesMs.Order().ToList();
        double P(double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"p50 {P(0.5):N0} ms, p90 {P(0.9):N0} ms, max {sorted[^1]:N0} ms ({sorted.Count} events)");
    }
}
