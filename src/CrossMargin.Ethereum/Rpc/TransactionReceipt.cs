using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>Receipt fields needed to confirm keeper transactions. Status 1 = success, 0 = reverted.</summary>
public sealed record TransactionReceipt(
    Hash32 TransactionHash,
    ulong BlockNumber,
    Hash32 BlockHash,
    Address From,
    Address? To,
    ulong Status,
    ulong GasUsed,
    UInt256 EffectiveGasPrice,
    Address? ContractAddress,
    IReadOnlyList<LogEntry> Logs)
{
    public bool Succeeded => Status == 1;
}
