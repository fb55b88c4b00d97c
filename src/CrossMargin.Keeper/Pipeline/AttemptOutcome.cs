using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Keeper.Pipeline;

/// <summary>
/// The record of one attempt. <see cref="Block"/> is the block it was mined in (null if never mined);
/// <see cref="Error"/> is the generated custom-error record (e.g. NotLiquidatableError) when the contract refused.
/// </summary>
public sealed record AttemptOutcome(
    OutcomeKind Kind,
    LiquidationAction Action,
    Hash32? TransactionHash,
    ulong? Block,
    ulong GasUsed,
    UInt256 GasCostWei,
    string? ErrorName,
    object? Error,
    int Replacements,
    bool BeforeSend)
{
    public ulong AccountId => Action.AccountId;

    public override string ToString() =>
        $"{Kind} {Action.Kind} account {AccountId}{(Block is { } b ? $" block {b}" : "")}{(ErrorName is { } e ? $" ({e}{(BeforeSend ? ", eth_call" : "")})" : "")}";
}
