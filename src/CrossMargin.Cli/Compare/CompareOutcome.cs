namespace CrossMargin.Cli.Compare;

/// <summary>What one `compare` run produced (for the console and for tests).</summary>
internal sealed record CompareOutcome(IReadOnlyList<OpenedAccount> Accounts, IReadOnlyList<CapitalRow> Capital, int CrossChecked, StressResult Stress);
