using System.Globalization;

namespace CrossMargin.Risk.Model;

/// <summary>The margin modes' names: lower case in the API (JSON values, <c>?mode=</c>, dashboard columns), upper
/// case in tables and wallet output. A value outside the enum prints as its number.</summary>
public static class MarginModeNames
{
    /// <summary>"isolated", "cross", "portfolio", indexed by the mode's value.</summary>
    public static IReadOnlyList<string> Api { get; } = Enum.GetValues<MarginMode>().Select(m => m.ToString().ToLowerInvariant()).ToArray();

    public static string ApiName(long mode) => mode >= 0 && mode < Api.Count ? Api[(int)mode] : mode.ToString(CultureInfo.InvariantCulture);

    /// <summary>The mode whose API name is <paramref name="name"/> (any case), or null.</summary>
    public static MarginMode? FromApiName(string name)
    {
        for (var i = 0; i < Api.Count; i++)
        {
            if (string.Equals(Api[i], name, StringComparison.OrdinalIgnoreCase))
                return (MarginMode)i;
        }
        return null;
    }

    /// <summary>"ISOLATED", "CROSS", "PORTFOLIO".</summary>
    public static string Display(MarginMode mode) => mode.ToString().ToUpperInvariant();
}
