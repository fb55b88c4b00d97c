namespace CrossMargin.Risk.Model;

/// <summary>ConstantsLib.sol values the off-chain maths needs.</summary>
public static class RiskConstants
{
    public const int MaxMarkets = 32;
    public const int MaxCollaterals = 16;
    public const int MaxAccountPositions = 8;

    /// <summary>Most exposure buckets of one PORTFOLIO account: its positions plus the markets of its linked collaterals.</summary>
    public const int MaxSlots = MaxAccountPositions + MaxCollaterals;

    /// <summary>LIQUIDATION_TOLERANCE = 0.001e18 (0.1% of MM before the call).</summary>
    public const ulong LiquidationTolerance = 1_000_000_000_000_000UL;
}
