namespace CrossMargin.Ethereum.Transactions;

/// <summary>EIP-2718 transaction type byte. Blob (type 3) and set-code (type 4) transactions are not supported.</summary>
public enum TransactionType : byte
{
    Legacy = 0,
    AccessList = 1,
    DynamicFee = 2,
}
