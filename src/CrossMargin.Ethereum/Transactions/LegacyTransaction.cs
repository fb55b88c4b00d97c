using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Transactions;

/// <summary>A type-0 transaction. <see cref="ChainId"/> null means pre-EIP-155 (replayable across chains).</summary>
public sealed record LegacyTransaction : Transaction
{
    public UInt256 GasPrice { get; init; }
    public ulong? ChainId { get; init; }

    public override TransactionType Type => TransactionType.Legacy;
}
