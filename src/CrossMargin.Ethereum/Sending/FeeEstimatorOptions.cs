using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Sending;

/// <summary>Inputs and caps for <see cref="FeeEstimator"/>. Amounts are wei per gas.</summary>
public sealed record FeeEstimatorOptions
{
    private const ulong Gwei = 1_000_000_000;

    /// <summary>Blocks of eth_feeHistory to sample.</summary>
    public ulong BlockCount { get; init; } = 10;

    /// <summary>Reward percentile taken from each block; the median over blocks becomes the priority fee.</summary>
    public double RewardPercentile { get; init; } = 50;

    /// <summary>maxFee = next base fee × this + priority fee: survives this many doublings' worth of full blocks.</summary>
    public ulong BaseFeeMultiplier { get; init; } = 2;

    /// <summary>Floor for the priority fee (empty blocks report zero rewards).</summary>
    public UInt256 MinPriorityFee { get; init; } = Gwei / 10;

    /// <summary>Cap for the priority fee.</summary>
    public UInt256 MaxPriorityFee { get; init; } = 50 * Gwei;

    /// <summary>Hard cap for maxFeePerGas, replacements included: above it the sender refuses rather than overpays.</summary>
    public UInt256 MaxFeeCap { get; init; } = 1_000 * Gwei;
}
