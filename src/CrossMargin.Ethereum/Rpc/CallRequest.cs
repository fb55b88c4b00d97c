using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>Transaction-shaped call object for eth_call / eth_estimateGas (and anvil's eth_sendTransaction).</summary>
public sealed record CallRequest
{
    public Address? From { get; init; }

    /// <summary>Null for contract creation.</summary>
    public Address? To { get; init; }

    public byte[]? Data { get; init; }

    public UInt256? Value { get; init; }

    public ulong? Gas { get; init; }

    public UInt256? MaxFeePerGas { get; init; }

    public UInt256? MaxPriorityFeePerGas { get; init; }

    public ulong? Nonce { get; init; }

    public ulong? ChainId { get; init; }
}
