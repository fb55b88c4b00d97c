using System.Numerics;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>Transaction-shaped call object for eth_call / eth_estimateGas (and anvil's eth_sendTransaction).</summary>
public sealed record CallRequest
{
    public string? From { get; init; }

    /// <summary>Null for contract creation.</summary>
    public string? To { get; init; }

    public byte[]? Data { get; init; }

    public BigInteger? Value { get; init; }

    public ulong? Gas { get; init; }

    public BigInteger? MaxFeePerGas { get; init; }

    public BigInteger? MaxPriorityFeePerGas { get; init; }

    public ulong? Nonce { get; init; }

    public ulong? ChainId { get; init; }
}
