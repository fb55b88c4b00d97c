using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Transactions;

/// <summary>
/// Fields common to every supported transaction type. Records give cheap <c>with</c> copies; note that
/// <see cref="Data"/> and access lists compare by reference in record equality, so compare encodings instead.
/// </summary>
public abstract record Transaction
{
    public ulong Nonce { get; init; }
    public ulong GasLimit { get; init; }

    /// <summary>Recipient; null for contract creation.</summary>
    public Address? To { get; init; }

    public UInt256 Value { get; init; }
    public ReadOnlyMemory<byte> Data { get; init; }

    public abstract TransactionType Type { get; }

    /// <summary>The payload whose keccak256 is signed (type byte prefixed for typed transactions).</summary>
    public byte[] EncodeUnsigned() => TransactionCodec.EncodeUnsigned(this);

    /// <summary>keccak256 of <see cref="EncodeUnsigned"/>.</summary>
    public Hash32 SigningHash() => Hash32.Keccak(EncodeUnsigned());

    public SignedTransaction Sign(PrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new SignedTransaction(this, key.Sign(SigningHash()));
    }
}
