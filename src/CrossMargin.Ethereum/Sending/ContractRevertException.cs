using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Sending;

/// <summary>
/// A contract call or transaction reverted. <see cref="Error"/> is the generated custom-error record
/// (e.g. <c>InsufficientBalanceError(Asset, Balance, Amount)</c>) or a <see cref="RevertReason"/> for
/// Error(string)/Panic/unknown data; <see cref="Reason"/> gives the same through the runtime ABI, by name.
/// </summary>
public sealed class ContractRevertException : Exception
{
    public ContractRevertException(string contractName, byte[] revertData, object error, RevertReason reason, Hash32? transactionHash = null, TransactionReceipt? receipt = null, Exception? inner = null)
        : base(Describe(contractName, reason, transactionHash), inner)
    {
        ContractName = contractName;
        RevertData = revertData;
        Error = error;
        Reason = reason;
        TransactionHash = transactionHash;
        Receipt = receipt;
    }

    public string ContractName { get; }

    public byte[] RevertData { get; }

    /// <summary>The generated error record, or a <see cref="RevertReason"/>.</summary>
    public object Error { get; }

    public RevertReason Reason { get; }

    /// <summary>The custom error's name (e.g. "InsufficientBalance"), "Error", "Panic", or null when unknown/empty.</summary>
    public string? ErrorName => Reason.Name;

    /// <summary>Set when a mined transaction failed (the reason then comes from re-simulating it).</summary>
    public Hash32? TransactionHash { get; }

    public TransactionReceipt? Receipt { get; }

    private static string Describe(string contract, RevertReason reason, Hash32? tx) =>
        $"{contract} reverted: {reason}" + (tx is { } h ? $" (transaction {h})" : "");
}
