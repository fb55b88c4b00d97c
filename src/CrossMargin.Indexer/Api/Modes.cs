namespace CrossMargin.Indexer.Api;

/// <summary>IMarginEngine's Mode names, by their uint8 value.</summary>
internal static class Modes
{
    public static readonly string[] Names = ["isolated", "cross", "portfolio"];

    public static string Name(long mode) => mode >= 0 && mode < Names.Length ? Names[mode] : mode.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
