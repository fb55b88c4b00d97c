namespace CrossMargin.Risk.Model;

/// <summary>
/// IMarginEngine's <c>enum Mode</c>, the one definition for every project. The ABI carries it as <c>uint8</c> without
/// member names, so the generated bindings take a byte: pass <c>(byte)MarginMode.Cross</c>. Order must match
/// IMarginEngine.sol. Names for people and for the API: <see cref="MarginModeNames"/>.
/// </summary>
public enum MarginMode : byte
{
    Isolated = 0,
    Cross = 1,
    Portfolio = 2,
}
