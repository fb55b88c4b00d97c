using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using Prometheus;

namespace CrossMargin.Keeper;

/// <summary>Everything <see cref="KeeperHost"/> needs. The key is loaded by the caller (KeySource) and never printed (PrivateKey.ToString redacts).</summary>
public sealed record KeeperOptions
{
    public required Uri RpcUrl { get; init; }

    /// <summary>eth_subscribe endpoint; null (or a failed connect) falls back to HTTP polling.</summary>
    public Uri? WebSocketUrl { get; init; }

    public required Address Engine { get; init; }

    public required PrivateKey Key { get; init; }

    /// <summary>Find, plan and confirm by eth_call, but send nothing: every attempt ends as Skipped.</summary>
    public bool DryRun { get; init; }

    /// <summary>JSON checkpoint (book snapshot + in-flight transactions); null keeps nothing across restarts.</summary>
    public string? CheckpointPath { get; init; }

    /// <summary>The in-flight transactions' file kept next to the checkpoint at <paramref name="checkpointPath"/>.</summary>
    public static string InflightPath(string checkpointPath) => checkpointPath + ".inflight.json";

    /// <summary>Bound on liquidation transactions sent per block (most underwater and largest first).</summary>
    public int MaxAttemptsPerBlock { get; init; } = 32;

    /// <summary>Bound on liquidation transactions sent and not yet resolved. The per-block bound alone does not bound
    /// the node's load where every transaction opens a block (automine); this one does, on any chain.</summary>
    public int MaxInFlight { get; init; } = 64;

    /// <summary>HTTP polling interval when no WebSocket is available; also the tracker's timer.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Unmined for this long ⇒ bump the fee (still valid) or cancel (no longer valid).</summary>
    public TimeSpan ReplaceAfter { get; init; } = TimeSpan.FromSeconds(12);

    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Priority fee per gas; maxFee = 2 × base fee + this.</summary>
    public UInt256 PriorityFee { get; init; } = new(1_000_000_000UL);

    public ulong LiquidateGas { get; init; } = 1_500_000;

    public ulong CollateralGas { get; init; } = 700_000;

    public ulong BadDebtGas { get; init; } = 300_000;

    /// <summary>Approve the engine to pull the quote asset (collateral liquidations repay debt) at start.</summary>
    public bool ApproveQuote { get; init; } = true;

    /// <summary>How many recent outcomes (and sent transactions) the keeper keeps in memory and buffers for an
    /// <see cref="KeeperHost.Outcomes"/> reader; older ones are dropped (metrics count all of them).</summary>
    public int OutcomeWindow { get; init; } = 10_000;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Registry the keeper's collectors are created in; null creates a private one (see KeeperHost.Metrics).</summary>
    public CollectorRegistry? MetricsRegistry { get; init; }

    /// <summary>Serve /metrics on this port (prometheus-net MetricServer); null serves nothing.</summary>
    public int? MetricsPort { get; init; }
}
