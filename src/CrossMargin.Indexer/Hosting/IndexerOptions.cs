using CrossMargin.Contracts;

namespace CrossMargin.Indexer.Hosting;

/// <summary>What an <see cref="IndexerHost"/> needs. Only <see cref="RpcUrl"/>, <see cref="Deployment"/> and
/// <see cref="ConnectionString"/> are required; the rest has devnet-friendly defaults.</summary>
public sealed record IndexerOptions
{
    public required Uri RpcUrl { get; init; }

    /// <summary>eth_subscribe newHeads wakes the follower at once; without it (or while it is down) the head is polled.</summary>
    public Uri? WsUrl { get; init; }

    public required Deployment Deployment { get; init; }

    /// <summary>"Data Source=index.db" (SQLite, the default) or "Host=…;Database=…" (PostgreSQL).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>First block to read (the engine's deployment block, if known).</summary>
    public ulong StartBlock { get; init; }

    /// <summary>Headers of the last <see cref="ReorgWindow"/> blocks are kept to find the fork point of a reorg.</summary>
    public ulong ReorgWindow { get; init; } = 64;

    /// <summary>First eth_getLogs span; small because a dense chain start would otherwise land in one huge range
    /// (it doubles per sparse range, so a sparse chain reaches <see cref="MaxSpan"/> within a dozen ranges).</summary>
    public ulong InitialSpan { get; init; } = 100;

    public ulong MaxSpan { get; init; } = 50_000;

    /// <summary>Logs per range the span adapts to: enough to batch writes, few enough to pipeline reads and writes.</summary>
    public int TargetLogsPerRange { get; init; } = 10_000;

    /// <summary>Block ranges read ahead of the writer during backfill.</summary>
    public int Concurrency { get; init; } = 4;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Stop after the backfill instead of following the head (crash tests, benchmarks, one-shot imports).</summary>
    public bool StopAfterBackfill { get; init; }

    public int RpcBatchSize { get; init; } = 200;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
