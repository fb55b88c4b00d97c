using System.Globalization;
using System.Numerics;

namespace CrossMargin.Cli.Wallet.Prices;

/// <summary>
/// Parses a price file of rows `timestamp_or_step,market,price` (optional header, blank lines and # comments skipped).
/// Every row is validated before anything is sent, and every bad row is reported with its line number, so a replay
/// never stops half-way through a file.
/// </summary>
internal static class PriceCsv
{
    public static IReadOnlyList<PriceRow> Parse(IReadOnlyList<string> lines, AssetRegistry registry)
    {
        var rows = new List<PriceRow>();
        var errors = new List<string>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].Trim();
            var number = i + 1;
            if (line.Length == 0 || line.StartsWith('#') || (rows.Count == 0 && errors.Count == 0 && IsHeader(line)))
                continue;
            var error = TryParse(line, number, registry, out var row);
            if (error is null && rows.Count > 0 && row!.Key < rows[^1].Key)
                error = $"{row.Key} is before the previous row's {rows[^1].Key} (rows must be in order)";
            if (error is null)
                rows.Add(row!);
            else
                errors.Add($"line {number}: {error}");
        }
        if (errors.Count > 0)
            throw new WalletException($"{errors.Count} bad row(s) in the price file, nothing was sent:\n  " + string.Join("\n  ", errors));
        if (rows.Count == 0)
            throw new WalletException("the price file has no rows (expected timestamp_or_step,market,price)");
        return rows;
    }

    private static string? TryParse(string line, int number, AssetRegistry registry, out PriceRow? row)
    {
        row = null;
        var fields = line.Split(',');
        if (fields.Length != 3)
            return $"expected 3 fields timestamp_or_step,market,price but found {fields.Length}";
        if (!BigInteger.TryParse(fields[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var key))
            return $"bad step or timestamp '{fields[0].Trim()}': expected a non-negative integer";
        Market market;
        BigInteger answer;
        try
        {
            market = registry.Market(fields[1].Trim());
            answer = Units.ParseAmount(fields[2], market.FeedDecimals, "price");
        }
        catch (WalletException e)
        {
            return e.Message;
        }
        row = new PriceRow(number, key, market, answer);
        return null;
    }

    // Only a recognised header is skipped: a malformed first row must be reported, not taken for a header.
    private static readonly HashSet<string> HeaderNames = new(StringComparer.OrdinalIgnoreCase) { "timestamp_or_step", "timestamp", "step", "time" };

    private static bool IsHeader(string line) => HeaderNames.Contains(line.Split(',')[0].Trim());
}
