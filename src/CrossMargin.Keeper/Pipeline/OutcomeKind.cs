namespace CrossMargin.Keeper.Pipeline;

/// <summary>How an attempt ended. Every one of these is an expected outcome, not an error.</summary>
public enum OutcomeKind
{
    /// <summary>Mined and succeeded.</summary>
    Liquidated,

    /// <summary>The contract says there is nothing left to do (NotLiquidatable, NoPositions, NoDebt, AccountNotEmpty…): someone else acted first.</summary>
    LostRace,

    /// <summary>Reverted for another reason (decoded custom error in <see cref="AttemptOutcome.Error"/>).</summary>
    Reverted,

    /// <summary>Our nonce was consumed by a transaction we did not track (e.g. a previous process's), none of our hashes mined.</summary>
    Dropped,

    /// <summary>Stuck and no longer valid: replaced by a zero-value self-transfer at the same nonce.</summary>
    Cancelled,

    /// <summary>The contract refused the planned amount (InsufficientLiquidation/OverLiquidation) because the state moved
    /// (e.g. a second feed updated): at eth_call (nothing sent) or, if it moved after the eth_call, mined. Re-planned next block.</summary>
    Stale,

    /// <summary>Dry run: confirmed by eth_call, not sent.</summary>
    Skipped,

    /// <summary>The node refused the transaction (funds, fee cap, transport).</summary>
    SendFailed,
}
