using System.Numerics;
using CrossMargin.Risk.Model;

namespace CrossMargin.Cli.Compare;

/// <summary>One portfolio in one mode, summed over its accounts (USD). <see cref="Saving"/> is 1 − capital / ISOLATED capital.</summary>
internal sealed record CapitalRow(string Portfolio, MarginMode Mode, int Accounts, decimal Im, decimal Mm, decimal CapitalRequired, decimal Saving)
{
    public static IReadOnlyList<CapitalRow> From(IReadOnlyList<OpenedAccount> accounts)
    {
        var rows = new List<CapitalRow>();
        foreach (var portfolio in accounts.Select(a => a.Portfolio).Distinct())
        {
            decimal isolated = 0;
            foreach (var mode in Enum.GetValues<MarginMode>())
            {
                var mine = accounts.Where(a => a.Portfolio == portfolio && a.Mode == mode).ToList();
                var capital = Usd(mine.Aggregate(BigInteger.Zero, (s, a) => s + a.CapitalRequiredWad));
                if (mode == MarginMode.Isolated)
                    isolated = capital;
                rows.Add(new CapitalRow(portfolio, mode, mine.Count,
                    Usd(mine.Aggregate(BigInteger.Zero, (s, a) => s + (BigInteger)a.AtOpen.Im)),
                    Usd(mine.Aggregate(BigInteger.Zero, (s, a) => s + (BigInteger)a.AtOpen.Mm)),
                    capital,
                    isolated == 0 ? 0 : 1 - capital / isolated));
            }
        }
        return rows;
    }

    /// <summary>WAD USD to decimal USD, to the nearest cent (display only; the on-chain values stay exact in <see cref="OpenedAccount"/>).</summary>
    public static decimal Usd(BigInteger wad) => decimal.Round((decimal)wad / 1_000_000_000_000_000_000m, 2, MidpointRounding.AwayFromZero);
}
