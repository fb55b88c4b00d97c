using Prometheus;

namespace CrossMargin.Keeper.Metrics;

/// <summary>
/// The keeper's Prometheus collectors, in one registry the host can serve (MetricServer) or export. Stage latencies:
/// tick_to_candidate (price log received → liquidatable list ready), candidate_to_sent (→ node accepted the raw
/// transaction), sent_to_mined (→ receipt seen).
/// </summary>
internal sealed class KeeperMetrics
{
    public KeeperMetrics(CollectorRegistry registry)
    {
        Registry = registry;
        var f = Prometheus.Metrics.WithCustomRegistry(registry);
        Stage = f.CreateHistogram("keeper_stage_seconds", "Latency of each keeper stage.", new HistogramConfiguration
        {
            LabelNames = ["stage"],
            Buckets = Histogram.ExponentialBuckets(0.0001, 2, 18),
        });
        Liquidations = f.CreateCounter("keeper_liquidations_total", "Successful keeper transactions by kind.", "kind");
        Outcomes = f.CreateCounter("keeper_outcomes_total", "Attempt outcomes.", "outcome");
        LostRaces = f.CreateCounter("keeper_lost_races_total", "Attempts another liquidator made unnecessary.", "stage");
        Reverts = f.CreateCounter("keeper_reverts_total", "Attempts refused for another reason, by error name.", "error");
        Replacements = f.CreateCounter("keeper_replacements_total", "Fee bumps and cancellations of stuck transactions.", "kind");
        GasUsed = f.CreateCounter("keeper_gas_used_total", "Gas used by mined keeper transactions.");
        GasSpentEth = f.CreateCounter("keeper_gas_spent_eth_total", "ETH paid for gas by mined keeper transactions.");
        SignerBalanceEth = f.CreateGauge("keeper_signer_balance_eth", "The signer's ETH balance.");
        BookAccounts = f.CreateGauge("keeper_book_accounts", "Accounts in the in-memory book.");
        LagBlocks = f.CreateGauge("keeper_lag_blocks", "Latest head minus the last block whose logs are all applied.");
        HeadAgeSeconds = f.CreateGauge("keeper_head_age_seconds", "Wall clock minus the latest head's timestamp.");
        InFlight = f.CreateGauge("keeper_in_flight", "Keeper transactions sent and not yet resolved.");
        Candidates = f.CreateGauge("keeper_candidates", "Liquidatable accounts found by the last pass.");
        Errors = f.CreateCounter("keeper_loop_errors_total", "Unexpected failures the loop recovered from.", "where");
    }

    public CollectorRegistry Registry { get; }
    public Histogram Stage { get; }
    public Counter Liquidations { get; }
    public Counter Outcomes { get; }
    public Counter LostRaces { get; }
    public Counter Reverts { get; }
    public Counter Replacements { get; }
    public Counter GasUsed { get; }
    public Counter GasSpentEth { get; }
    public Gauge SignerBalanceEth { get; }
    public Gauge BookAccounts { get; }
    public Gauge LagBlocks { get; }
    public Gauge HeadAgeSeconds { get; }
    public Gauge InFlight { get; }
    public Gauge Candidates { get; }
    public Counter Errors { get; }

    /// <summary>Counts one attempt outcome; <paramref name="sentToMined"/> is set for a sent attempt that was mined.</summary>
    public void Record(Pipeline.AttemptOutcome o, TimeSpan? sentToMined)
    {
        Outcomes.WithLabels(o.Kind.ToString()).Inc();
        switch (o.Kind)
        {
            case Pipeline.OutcomeKind.Liquidated:
                Liquidations.WithLabels(o.Action.Kind.ToString()).Inc();
                break;
            case Pipeline.OutcomeKind.LostRace:
                LostRaces.WithLabels(o.BeforeSend ? "eth_call" : "mined").Inc();
                break;
            case Pipeline.OutcomeKind.Reverted:
                Reverts.WithLabels(o.ErrorName ?? "unknown").Inc();
                break;
        }
        if (o.Block is not null)
        {
            GasUsed.Inc(o.GasUsed);
            GasSpentEth.Inc((double)(System.Numerics.BigInteger)o.GasCostWei / 1e18);
        }
        if (sentToMined is { } elapsed)
            Stage.WithLabels("sent_to_mined").Observe(elapsed.TotalSeconds);
    }
}
