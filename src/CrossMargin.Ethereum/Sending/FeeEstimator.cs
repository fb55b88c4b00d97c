using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Sending;

/// <summary>EIP-1559 fees from eth_feeHistory: the next block's base fee plus the median recent priority fee.</summary>
public sealed class FeeEstimator
{
    private readonly IJsonRpcClient _rpc;

    public FeeEstimator(IJsonRpcClient rpc, FeeEstimatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        Options = options ?? new FeeEstimatorOptions();
    }

    public FeeEstimatorOptions Options { get; }

    public async Task<FeeEstimate> EstimateAsync(CancellationToken ct)
    {
        var history = await _rpc.FeeHistoryAsync(Options.BlockCount, BlockParameter.Latest, [Options.RewardPercentile], ct).ConfigureAwait(false);
        return FromHistory(history, Options);
    }

    /// <summary>The pure part of <see cref="EstimateAsync"/>, exposed for tests.</summary>
    public static FeeEstimate FromHistory(FeeHistory history, FeeEstimatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(options);
        if (history.BaseFeePerGas.Count == 0)
            throw new InvalidOperationException("eth_feeHistory returned no base fee (pre-London chain?)");
        var nextBaseFee = history.BaseFeePerGas[^1];
        var rewards = history.Reward.Where(r => r.Count > 0).Select(r => r[0]).Order().ToList();
        var tip = rewards.Count == 0 ? options.MinPriorityFee : rewards[rewards.Count / 2];
        tip = UInt256.Min(UInt256.Max(tip, options.MinPriorityFee), options.MaxPriorityFee);
        var maxFee = UInt256.Min(nextBaseFee * options.BaseFeeMultiplier + tip, options.MaxFeeCap);
        return new FeeEstimate(maxFee, UInt256.Min(tip, maxFee));
    }
}
