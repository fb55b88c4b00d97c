using System.Globalization;
using CrossMargin.Risk.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CrossMargin.Cli.Demo;

/// <summary>The live view: phase and prices, accounts by health band and mode, the latest liquidations with their
/// latency, insurance fund, bad debt and keeper outcomes.</summary>
internal static class Dashboard
{
    public static IRenderable Render(DemoState s, TimeSpan elapsed)
    {
        var c = CultureInfo.InvariantCulture;
        var p = s.Prices;
        var header = new Markup(string.Create(c,
            $"[bold]{Markup.Escape(s.Phase)}[/]  {elapsed:mm\\:ss}   ETH [yellow]{p[0]:N0}[/]  BTC [yellow]{p[1]:N0}[/]  SOL [yellow]{p[2]:N2}[/]   trades {s.Trades}"));

        var health = new Table().Border(TableBorder.Rounded).Title("accounts by health (NLV_hm / MM)");
        health.AddColumn("band");
        foreach (var m in MarginModeNames.Api)
            health.AddColumn(new TableColumn(m).RightAligned());
        health.AddColumn(new TableColumn("total").RightAligned());
        if (s.Survey is { } survey)
        {
            for (var b = 0; b < HealthBands.Labels.Length; b++)
            {
                var color = b == (int)HealthBand.Liquidatable ? "red" : b == (int)HealthBand.AtRisk ? "orange1" : "default";
                health.AddRow([$"[{color}]{HealthBands.Labels[b]}[/]", .. Enumerable.Range(0, 3).Select(m => survey.Counts[m, b].ToString(c)), survey.Band((HealthBand)b).ToString(c)]);
            }
        }

        var liquidations = s.Liquidations;
        var recent = new Table().Border(TableBorder.Rounded).Title(string.Create(c, $"liquidations ({liquidations.Count})"));
        foreach (var col in new[] { "block", "account", "kind", "by", "latency", "detail" })
            recent.AddColumn(col);
        foreach (var l in liquidations.TakeLast(10).Reverse())
            recent.AddRow(l.Block.ToString(c), l.AccountId.ToString(c), l.Kind, l.ByKeeper ? "keeper" : l.Kind == "bad debt" ? "-" : "other",
                l.LatencyMs is { } ms ? string.Create(c, $"{ms:N0} ms") : "-", Markup.Escape(l.Detail));

        var outcomes = string.Join(", ", s.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"));
        var footer = new Markup(string.Create(c,
            $"insurance fund [green]{s.Survey?.InsuranceFundUsdc ?? s.InsuranceAtStart:N2}[/] USDC   bad debt [red]{s.BadDebtUsdc:N2}[/] USDC (socialized {s.SocializedUsdc:N2})\nkeeper outcomes: {Markup.Escape(outcomes.Length == 0 ? "none yet" : outcomes)}"));
        return new Rows(header, health, recent, footer);
    }

    /// <summary>One status line for plain output.</summary>
    public static string Line(DemoState s, TimeSpan elapsed)
    {
        var survey = s.Survey;
        var p = s.Prices;
        return string.Create(CultureInfo.InvariantCulture,
            $"[{elapsed:mm\\:ss}] {s.Phase}: ETH {p[0]:N0} BTC {p[1]:N0} SOL {p[2]:N2}; liquidatable {survey?.Band(HealthBand.Liquidatable) ?? 0}, at risk {survey?.Band(HealthBand.AtRisk) ?? 0}; liquidations {s.Liquidations.Count}; insurance {survey?.InsuranceFundUsdc ?? 0:N2} USDC; bad debt {s.BadDebtUsdc:N2} USDC");
    }
}
