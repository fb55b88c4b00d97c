using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Transactions;

/// <summary>A type-2 (London, EIP-1559) dynamic-fee transaction.</summary>
public sealed record Eip1559Transaction : Transaction
{
    public ulong ChainId { get; init; }
    public UInt256 MaxPriorityFeePerGas { get; init; }
    public UInt256 MaxFeePerGas { get; init; }
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    public override TransactionType Type => TransactionType.DynamicFee;
}
