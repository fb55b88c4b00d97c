namespace CrossMargin.Contracts;

/// <summary>
/// IMarginEngine's <c>enum Mode</c>. The ABI carries it as <c>uint8</c> without member names, so the
/// generated bindings take a byte: pass <c>(byte)MarginMode.Cross</c>. Order must match IMarginEngine.sol.
/// </summary>
public enum MarginMode : byte
{
    Isolated = 0,
    Cross = 1,
    Portfolio = 2,
}
