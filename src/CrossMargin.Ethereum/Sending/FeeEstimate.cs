using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Sending;

/// <summary>EIP-1559 fee pair (wei per gas).</summary>
public readonly record struct FeeEstimate(UInt256 MaxFeePerGas, UInt256 MaxPriorityFeePerGas)
{
    /// <summary>Minimum bump nodes accept for a same-nonce replacement (geth's txpool price bump).</summary>
    public const int MinReplacementBumpPercent = 10;

    /// <summary>
    /// Both fees raised by at least <paramref name="percent"/> (rounded up, at least +1 wei), as a replacement
    /// must raise maxFee and priority fee alike.
    /// </summary>
    public FeeEstimate BumpedBy(int percent)
    {
        if (percent < MinReplacementBumpPercent)
            throw new ArgumentOutOfRangeException(nameof(percent), $"a replacement needs at least {MinReplacementBumpPercent}%");
        return new FeeEstimate(Bump(MaxFeePerGas, percent), Bump(MaxPriorityFeePerGas, percent));
    }

    /// <summary>The larger of each component.</summary>
    public FeeEstimate Max(FeeEstimate other) => new(
        UInt256.Max(MaxFeePerGas, other.MaxFeePerGas),
        UInt256.Max(MaxPriorityFeePerGas, other.MaxPriorityFeePerGas));

    // Rounds up so that a small fee still moves by the full percentage the pool demands.
    private static UInt256 Bump(UInt256 value, int percent)
    {
        var increase = UInt256.MulDiv(value, (ulong)percent, 100UL, Rounding.Ceil);
        return value + UInt256.Max(increase, UInt256.One);
    }
}
