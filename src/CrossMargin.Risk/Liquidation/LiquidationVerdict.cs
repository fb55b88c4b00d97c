namespace CrossMargin.Risk.Liquidation;

/// <summary>What the contract would do with a liquidation call: accept, or the custom error it reverts with.</summary>
public enum LiquidationVerdict
{
    Accepted,
    NotLiquidatable,
    NoPositions,
    NoDebt,
    OverLiquidation,
    InsufficientLiquidation,
}
