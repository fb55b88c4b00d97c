namespace CrossMargin.Keeper.Pipeline;

/// <summary>The three ways the keeper acts on an account.</summary>
public enum ActionKind
{
    Liquidate,
    LiquidateCollateral,
    SettleBadDebt,
}
