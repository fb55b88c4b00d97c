using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Transactions;

namespace CrossMargin.Ethereum.Sending;

/// <summary>A transaction the node accepted. <see cref="Replaced"/> lists earlier same-nonce versions it superseded.</summary>
public sealed record PendingTransaction(Hash32 Hash, Eip1559Transaction Transaction, IReadOnlyList<Hash32> Replaced)
{
    public ulong Nonce => Transaction.Nonce;

    public FeeEstimate Fees => new(Transaction.MaxFeePerGas, Transaction.MaxPriorityFeePerGas);

    /// <summary>This hash and every hash it replaced: whichever is mined settles the nonce.</summary>
    public IReadOnlyList<Hash32> AllHashes => [.. Replaced, Hash];
}
