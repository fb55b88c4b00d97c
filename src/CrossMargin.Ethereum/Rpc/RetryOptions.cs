namespace CrossMargin.Ethereum.Rpc;

/// <summary>Capped exponential backoff with jitter, used for transport failures and rate limits only.</summary>
public sealed record RetryOptions
{
    /// <summary>Total attempts including the first; 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 5;

    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    public static RetryOptions None { get; } = new() { MaxAttempts = 1 };

    /// <summary>
    /// Delay before retry number <paramref name="retry"/> (1-based): uniformly drawn from [d/2, d] where
    /// d = min(MaxDelay, InitialDelay * 2^(retry-1)). Half-jitter keeps a floor so a burst of clients
    /// being rate-limited still backs off, while spreading their retries apart.
    /// </summary>
    internal TimeSpan DelayFor(int retry, Random random)
    {
        var exponent = Math.Min(retry - 1, 30);
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, InitialDelay.TotalMilliseconds * Math.Pow(2, exponent));
        var jittered = ceiling / 2 + random.NextDouble() * ceiling / 2;
        return TimeSpan.FromMilliseconds(jittered);
    }
}
