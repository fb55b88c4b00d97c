using System.Numerics;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>Receipt fields needed to confirm keeper transactions. Status 1 = success, 0 = reverted.</summary>
public sealed record TransactionReceipt(
    string TransactionHash,
    ulong BlockNumber,
    string BlockHash,
    string From,
    string? To,
    ulong Status,
    ulong GasUsed,
    BigInteger EffectiveGasPrice,
    string? ContractAddress,
    IReadOnlyList<LogEntry> Logs)
{
    public bool Succeeded => Status == 1;
}
