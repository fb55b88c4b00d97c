namespace CrossMargin.Risk.Screening;

/// <summary>
/// Error budget of the double-precision screen (docs/risk-engine.md proves it). Every term is a product of at most four
/// inputs converted from exact integers (relative error ≤ u = 2^-53 each) and summed over at most 24 terms, so the
/// floating error is ≤ ~40u·Σ|terms| ≈ 4.4e-15·Σ|terms|; the contract's own integer roundings are under 1e-15 USD per
/// account. The slacks below exceed both by more than two orders of magnitude.
/// </summary>
public static class ScreenSlack
{
    /// <summary>Relative slack applied to the sum of absolute terms (NLV) and to requirements.</summary>
    public const double Relative = 1e-12;

    /// <summary>Absolute slack in USD (1e6 wei), covering integer roundings and square-root ceilings.</summary>
    public const double Absolute = 1e-12;
}
