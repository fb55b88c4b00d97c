namespace CrossMargin.Ethereum.Rpc;

public sealed record JsonRpcClientOptions
{
    public RetryOptions Retry { get; init; } = new();

    /// <summary>Larger batches are split into sequential HTTP requests (providers cap batch size).</summary>
    public int MaxBatchSize { get; init; } = 500;

    /// <summary>Per-attempt timeout; a timed-out attempt counts as an ambiguous transport failure.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Source of jitter; injectable so tests are deterministic.</summary>
    public Random Random { get; init; } = Random.Shared;
}
