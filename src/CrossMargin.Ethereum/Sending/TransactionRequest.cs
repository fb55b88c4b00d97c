using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Sending;

/// <summary>What to send. Gas and fees are estimated when null.</summary>
public sealed record TransactionRequest
{
    /// <summary>Null deploys <see cref="Data"/> as creation code.</summary>
    public Address? To { get; init; }

    public byte[] Data { get; init; } = [];

    public UInt256 Value { get; init; }

    public ulong? GasLimit { get; init; }

    public FeeEstimate? Fees { get; init; }
}
