namespace CrossMargin.Ethereum.Sending;

/// <summary>Timing and safety margins for <see cref="TransactionSender"/>.</summary>
public sealed record TransactionSenderOptions
{
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long <see cref="TransactionSender.WaitAsync"/> waits in total before throwing <see cref="TimeoutException"/>.</summary>
    public TimeSpan ReceiptTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Unmined for this long ⇒ resubmit with bumped fees. Null disables automatic replacement.</summary>
    public TimeSpan? ReplaceAfter { get; init; }

    public int MaxReplacements { get; init; } = 3;

    /// <summary>Fee bump per replacement; nodes require at least 10% on both fees.</summary>
    public int ReplacementBumpPercent { get; init; } = 12;

    /// <summary>Gas limit = estimate × this / 100 (state can change between estimate and inclusion).</summary>
    public ulong GasLimitPercent { get; init; } = 120;

    public FeeEstimatorOptions Fees { get; init; } = new();
}
