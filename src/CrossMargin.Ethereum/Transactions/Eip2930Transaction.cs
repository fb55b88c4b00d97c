using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Transactions;

/// <summary>A type-1 (Berlin, EIP-2930) transaction with an access list.</summary>
public sealed record Eip2930Transaction : Transaction
{
    public ulong ChainId { get; init; }
    public UInt256 GasPrice { get; init; }
    public IReadOnlyList<AccessListEntry> AccessList { get; init; } = [];

    public override TransactionType Type => TransactionType.AccessList;
}
