namespace CrossMargin.Cli.Demo;

/// <summary>One liquidation event seen on chain. <see cref="LatencyMs"/>: from the mining of the last price update
/// before its block to the moment its log reached the demo (an upper bound on update mined → liquidation mined).</summary>
internal sealed record LiquidationRecord(string Kind, ulong AccountId, string Liquidator, ulong Block, double? LatencyMs, string Detail, bool ByKeeper)
{
    /// <summary>One line for plain output.</summary>
    public string Describe()
    {
        var what = Kind == "bad debt" ? $"bad debt of account {AccountId} settled" : $"{Kind} liquidation of account {AccountId} by {(ByKeeper ? "keeper" : Liquidator)}";
        var latency = LatencyMs is { } ms ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {ms:N0} ms after the price update") : "";
        return $"block {Block}: {what}{latency}; {Detail}";
    }
}
