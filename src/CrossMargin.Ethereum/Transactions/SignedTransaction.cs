using System.Security.Cryptography;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Transactions;

/// <summary>A transaction with its signature: raw encoding, hash and sender recovery.</summary>
public sealed record SignedTransaction(Transaction Transaction, Signature Signature)
{
    /// <summary>The raw bytes for <c>eth_sendRawTransaction</c>.</summary>
    public byte[] Encode() => TransactionCodec.EncodeSigned(Transaction, Signature);

    /// <summary>The transaction hash: keccak256 of the raw encoding.</summary>
    public Hash32 Hash() => Hash32.Keccak(Encode());

    /// <summary>
    /// Recovers the sender. High-s signatures are rejected as the network does since Homestead (EIP-2), so a
    /// malleated copy of a transaction is never attributed to the sender here either.
    /// </summary>
    public Address RecoverSender()
    {
        if (!Signature.IsLowS)
            throw new CryptographicException("signature s is in the upper half of the curve order (rejected since EIP-2)");
        return Secp256k1.RecoverAddress(Transaction.SigningHash(), Signature);
    }
}
