namespace CrossMargin.Cli.Demo;

/// <summary>The demo's knobs; the defaults produce liquidations by the keeper on a fresh devnet in about a minute.</summary>
internal sealed record DemoOptions
{
    public int Wallets { get; init; } = 300;
    public int Seed { get; init; } = 1;

    /// <summary>Random-walk phase before the crash.</summary>
    public TimeSpan Walk { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The crash (ETH −30%, BTC −20% one step behind, SOL −25%) is spread over this, in <see cref="CrashSteps"/> steps.</summary>
    public TimeSpan Crash { get; init; } = TimeSpan.FromSeconds(12);

    public int CrashSteps { get; init; } = 6;

    /// <summary>After the crash, wait at most this long for the keeper to leave no account liquidatable.</summary>
    public TimeSpan Settle { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Interval between price updates in the walk.</summary>
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Live Spectre dashboard (a terminal); false prints plain lines (pipes, CI, tests).</summary>
    public bool Live { get; init; }
}
