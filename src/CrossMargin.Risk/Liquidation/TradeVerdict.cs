namespace CrossMargin.Risk.Liquidation;

/// <summary>What the contract would do with a trade: accept, or the custom error it reverts with (checks it models).</summary>
public enum TradeVerdict
{
    Accepted,

    /// <summary>The market's |net size| would grow past maxOpenInterest (checked first, in _updateOpenInterest).</summary>
    OpenInterestCapExceeded,

    /// <summary>An ISOLATED account opening a second market.</summary>
    IsolatedMarketTaken,

    /// <summary>A ninth open position (MAX_ACCOUNT_POSITIONS).</summary>
    TooManyPositions,

    /// <summary>_enforceMargin: NLV_hi &lt; IM afterwards and the trade is not excused as risk-reducing.</summary>
    InsufficientMargin,
}
