using System.Numerics;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Screening;

namespace CrossMargin.Keeper.Pipeline;

/// <summary>
/// Screen → exact check. Every account changed since the screen was built (its row is stale) is checked with the exact
/// <see cref="HealthCalculator"/>; rows the conservative screen flags are checked in order of their screen margin (most
/// negative first) until <c>want</c> liquidatable ones are found — in a crash with 100k flagged rows the first batch
/// does not wait for all of them; the rest are found by the next passes. Result: most underwater (largest MM − NLV_hm
/// in USD) first. Accounts the caller excludes (in flight, just acted on) are skipped.
/// </summary>
internal static class CandidateFinder
{
    public static List<Candidate> Find(
        Screener screen,
        IReadOnlyCollection<ulong> dirty,
        Func<ulong, AccountState?> account,
        RiskParameters p,
        PriceSet px,
        Func<ulong, bool> excluded,
        int want = int.MaxValue)
    {
        var result = new List<Candidate>();
        var seen = new HashSet<ulong>();
        foreach (var id in dirty)
            Check(id);
        var rows = screen.Candidates();
        var margin = screen.Book.Margin;
        // NaN (a feed without a valid price) sorts first: such rows are checked (and skipped) cheaply.
        rows.Sort((a, b) => margin[a].CompareTo(margin[b]));
        var fromScreen = 0;
        foreach (var row in rows)
        {
            if (fromScreen >= want)
                break;
            var before = result.Count;
            Check(screen.Book.Ids[row]);
            fromScreen += result.Count - before;
        }
        result.Sort((a, b) => b.DeficitUsd.CompareTo(a.DeficitUsd));
        return result;

        void Check(ulong id)
        {
            if (!seen.Add(id) || excluded(id) || account(id) is not { } a)
                return;
            Health h;
            try
            {
                h = HealthCalculator.Compute(a, p, px);
            }
            catch (Exception e) when (e is InvalidOperationException or OverflowException or ArithmeticException)
            {
                // No price yet for one of its markets, or the contract's health would revert too (overflow).
                return;
            }
            if (h.IsLiquidatable)
                result.Add(new Candidate(a, h, ToUsd((BigInteger)h.Mm - (BigInteger)h.NlvMaint)));
        }
    }

    private static double ToUsd(BigInteger wad) => (double)wad / 1e18;
}
