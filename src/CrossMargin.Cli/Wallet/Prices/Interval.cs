using System.Globalization;

namespace CrossMargin.Cli.Wallet.Prices;

/// <summary>Durations as typed on the command line: "1s", "250ms", "2m", "0".</summary>
internal static class Interval
{
    public static TimeSpan Parse(string? text, TimeSpan fallback)
    {
        if (text is null)
            return fallback;
        var s = text.Trim();
        var (digits, unit) = s.EndsWith("ms", StringComparison.Ordinal) ? (s[..^2], 1.0)
            : s.EndsWith('s') ? (s[..^1], 1000.0)
            : s.EndsWith('m') ? (s[..^1], 60_000.0)
            : (s, s == "0" ? 0.0 : double.NaN);
        if (double.IsNaN(unit) || !double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            throw new WalletException($"bad --interval '{text}': expected a duration such as 1s, 250ms or 0");
        return TimeSpan.FromMilliseconds(n * unit);
    }
}
