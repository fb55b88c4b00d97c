namespace CrossMargin.Cli.Demo;

/// <summary>One liquidation event seen on chain. <see cref="LatencyMs"/>: from the mining of the last price update
/// before its block to the moment its log reached the demo (an upper bound on update mined → liquidation mined).</summary>
internal sealed record LiquidationRecord(string Kind, ulong AccountId, string Liquidator, ulong Block, double? LatencyMs, string Detail, bool ByKeeper);
