using CrossMargin.Contracts;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Keeper.Pipeline;

/// <summary>
/// Decodes engine revert data and sorts it: errors that mean "the account no longer needs this" are lost races
/// (someone else liquidated, repaid or settled first); a refused amount (InsufficientLiquidation, OverLiquidation) means
/// the state moved between planning and execution — every plan is confirmed by eth_call first, so a model error cannot
/// reach the chain this way; anything else is a revert worth an alert.
/// </summary>
internal static class RevertClassifier
{
    public static (OutcomeKind Kind, string Name, object Error) Classify(ReadOnlySpan<byte> revertData)
    {
        var error = MarginEngineContract.DecodeError(revertData);
        var name = MarginEngineContract.Abi.DecodeRevert(revertData).Name ?? "unknown revert";
        var kind = error switch
        {
            NotLiquidatableError or NoPositionsError or NoDebtError or AccountNotEmptyError or InsufficientBalanceError => OutcomeKind.LostRace,
            InsufficientLiquidationError or OverLiquidationError => OutcomeKind.Stale,
            _ => OutcomeKind.Reverted,
        };
        return (kind, name, error);
    }
}
