namespace CrossMargin.Risk.Model;

/// <summary>IMarginEngine.Mode, same numeric values.</summary>
public enum AccountMode : byte
{
    Isolated = 0,
    Cross = 1,
    Portfolio = 2,
}
