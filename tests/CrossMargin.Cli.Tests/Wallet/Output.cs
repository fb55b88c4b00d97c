using System.Text.RegularExpressions;

namespace CrossMargin.Cli.Tests.Wallet;

/// <summary>Pulls values out of the commands' text output.</summary>
internal static partial class Output
{
    /// <summary>The value of grid row <paramref name="label"/> (e.g. "initial margin (IM)"), the <paramref name="nth"/> occurrence.</summary>
    public static string Row(string output, string label, int nth = 0) =>
        output.Split('\n').Where(l => l.StartsWith(label, StringComparison.Ordinal)).ElementAt(nth)[label.Length..].Trim();

    public static ulong OpenedAccount(string output) => ulong.Parse(OpenedRegex().Match(output).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"opened account (\d+) ")]
    private static partial Regex OpenedRegex();
}
