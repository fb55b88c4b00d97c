using System.Globalization;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Indexer.Api;

/// <summary>
/// Parses query and route strings and collects every error, so bad input becomes one 400 validation problem
/// (never a binder exception or a 5xx).
/// </summary>
internal sealed class QueryArgs
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1_000;

    public Dictionary<string, string[]> Errors { get; } = [];

    public bool IsValid => Errors.Count == 0;

    public long? Long(string name, string? value, long min = 0, long max = long.MaxValue)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max)
            return v;
        Errors[name] = [$"'{value}' is not an integer in [{min}, {max}]."];
        return null;
    }

    public int Limit(string? value) => (int)(Long("limit", value, 1, MaxLimit) ?? DefaultLimit);

    public double? PositiveNumber(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 && double.IsFinite(v))
            return v;
        Errors[name] = [$"'{value}' is not a positive number."];
        return null;
    }

    public string? Address(string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (Ethereum.Primitives.Address.TryParse(value, out var a))
            return a.ToString();
        Errors[name] = [$"'{value}' is not an address (0x + 40 hex digits, EIP-55 if mixed case)."];
        return null;
    }

    public int? Mode(string? value)
    {
        if (string.IsNullOrEmpty(value))
            return null;
        if (MarginModeNames.FromApiName(value) is { } mode)
            return (int)mode;
        Errors["mode"] = [$"'{value}' is not one of {string.Join(", ", MarginModeNames.Api)}."];
        return null;
    }

    public void Range(string from, long? fromValue, string to, long? toValue)
    {
        if (fromValue is { } f && toValue is { } t && f > t)
            Errors[from] = [$"{from} ({f}) is above {to} ({t})."];
    }
}
