using CrossMargin.Risk.Model;
using Spectre.Console;

namespace CrossMargin.Cli.Compare;

/// <summary>The console tables of `compare` (the markdown report has the same figures).</summary>
internal static class CompareTables
{
    public static Table Capital(IReadOnlyList<CapitalRow> rows)
    {
        var table = new Table().Title("Capital required per portfolio and mode (USD)")
            .AddColumn("Portfolio").AddColumn("Mode").AddColumn(new TableColumn("Accounts").RightAligned())
            .AddColumn(new TableColumn("IM").RightAligned()).AddColumn(new TableColumn("MM").RightAligned())
            .AddColumn(new TableColumn("Capital required").RightAligned()).AddColumn(new TableColumn("Saving vs ISOLATED").RightAligned());
        foreach (var r in rows)
        {
            var saving = CompareReport.Percent(r.Saving);
            table.AddRow(r.Mode == MarginMode.Isolated ? r.Portfolio : "", MarginModeNames.Display(r.Mode), r.Accounts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CompareReport.Usd(r.Im), CompareReport.Usd(r.Mm), CompareReport.Usd(r.CapitalRequired),
                r.Saving > 0 ? $"[green]{saving}[/]" : r.Saving < 0 ? $"[red]{saving}[/]" : saving);
        }
        return table;
    }

    public static Table Stress(StressResult s)
    {
        var table = new Table().Title($"Stress replay: {s.Paths} paths × {s.Steps} steps, seed {s.Seed}")
            .AddColumn("Mode").AddColumn(new TableColumn("Accounts").RightAligned()).AddColumn(new TableColumn("Equity").RightAligned())
            .AddColumn(new TableColumn("Paths with a liquidation").RightAligned())
            .AddColumn(new TableColumn("Accounts liquidated").RightAligned()).AddColumn(new TableColumn("liquidate").RightAligned())
            .AddColumn(new TableColumn("liquidateCollateral").RightAligned()).AddColumn(new TableColumn("Penalties").RightAligned())
            .AddColumn(new TableColumn("Bad debt").RightAligned()).AddColumn(new TableColumn("Liquidatable at end").RightAligned());
        foreach (var m in s.Modes)
        {
            table.AddRow(MarginModeNames.Display(m.Mode), $"{m.Accounts}", CompareReport.Usd(m.EquityUsd), $"{m.PathsWithLiquidation} / {s.Paths}", $"{m.AccountsLiquidated}", $"{m.Liquidations}",
                $"{m.CollateralLiquidations}", CompareReport.Usd(m.PenaltiesUsd), $"{CompareReport.Usd(m.BadDebtUsd)} ({m.BadDebtAccounts})", $"{m.LiquidatableAtEnd}");
        }
        return table;
    }
}
