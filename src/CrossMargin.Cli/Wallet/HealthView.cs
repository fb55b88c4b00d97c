using CrossMargin.Risk.Model;
using Spectre.Console;

namespace CrossMargin.Cli.Wallet;

/// <summary>The margin summary (NLV, IM, MM, free margin, status) as a two-column grid, shared by `account show` and what-if.</summary>
internal static class HealthView
{
    public static Grid Render(Health h)
    {
        var grid = new Grid().AddColumn().AddColumn(new GridColumn().RightAligned());
        grid.AddRow("NLV (maintenance haircuts)", Units.Usd(h.NlvMaint));
        grid.AddRow("NLV (initial haircuts)", Units.Usd(h.NlvInit));
        grid.AddRow("initial margin (IM)", Units.Usd(h.Im));
        grid.AddRow("maintenance margin (MM)", Units.Usd(h.Mm));
        grid.AddRow("free margin (NLV_hi - IM)", Units.Usd(h.InitialSurplus));
        grid.AddRow("status", Status(h));
        return grid;
    }

    public static string Status(Health h) =>
        h.IsLiquidatable ? "LIQUIDATABLE (NLV_hm < MM)"
        : h.InitialSurplus.IsNegative ? "below initial margin (may only reduce risk)"
        : "healthy";
}
