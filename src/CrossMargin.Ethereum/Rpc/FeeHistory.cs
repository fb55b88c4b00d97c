using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// eth_feeHistory result. <see cref="BaseFeePerGas"/> has one more entry than blocks (the next block's
/// base fee); <see cref="Reward"/> is empty unless percentiles were requested.
/// </summary>
public sealed record FeeHistory(
    ulong OldestBlock,
    IReadOnlyList<UInt256> BaseFeePerGas,
    IReadOnlyList<double> GasUsedRatio,
    IReadOnlyList<IReadOnlyList<UInt256>> Reward);
