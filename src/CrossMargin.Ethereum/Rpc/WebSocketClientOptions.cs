namespace CrossMargin.Ethereum.Rpc;

public sealed record WebSocketClientOptions
{
    /// <summary>
    /// Watchdog: after this long without any inbound message, ping with eth_blockNumber. A failed or slow
    /// ping, or a head that moved past the last newHeads notification on two pings in a row, forces a reconnect.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan PingTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reconnect backoff. MaxAttempts is ignored: the client keeps trying until disposed.</summary>
    public RetryOptions Reconnect { get; init; } = new() { InitialDelay = TimeSpan.FromMilliseconds(250), MaxDelay = TimeSpan.FromSeconds(30) };

    /// <summary>Headers fetched per HTTP batch when backfilling a newHeads gap.</summary>
    public int BackfillBatchSize { get; init; } = 100;

    /// <summary>Widest block range per eth_getLogs when backfilling a logs gap (providers cap it).</summary>
    public ulong MaxLogBlockRange { get; init; } = 2_000;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public Random Random { get; init; } = Random.Shared;
}
