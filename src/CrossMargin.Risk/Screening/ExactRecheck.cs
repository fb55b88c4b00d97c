using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Screening;

/// <summary>
/// Screen → candidates → exact health → the liquidatable set, most underwater first: by shortfall MM − NLV_hm
/// (largest first, so size and depth both count), then by MM (largest account first), then by id.
/// </summary>
public static class ExactRecheck
{
    /// <summary>The liquidatable accounts among the screen's candidates (rows with Margin &lt; 0 or NaN).</summary>
    public static List<LiquidatableAccount> Run(Screener screener, Func<ulong, AccountState> account, RiskParameters p, PriceSet px) =>
        Run(screener.Candidates().Select(r => account(screener.Book.Ids[r])), p, px);

    /// <summary>Exact health of each account; an account whose health cannot be computed (a feed without an answer:
    /// the contract's oracle read reverts, so nobody can liquidate it) is left out.</summary>
    public static List<LiquidatableAccount> Run(IEnumerable<AccountState> candidates, RiskParameters p, PriceSet px)
    {
        var found = candidates.AsParallel().Select(a => Check(a, p, px)).Where(h => h is not null).Select(h => h!.Value).ToList();
        found.Sort(static (x, y) =>
        {
            int c = y.Shortfall.CompareTo(x.Shortfall);
            if (c == 0) c = y.Health.Mm.CompareTo(x.Health.Mm);
            return c != 0 ? c : x.Id.CompareTo(y.Id);
        });
        return found;
    }

    private static LiquidatableAccount? Check(AccountState a, RiskParameters p, PriceSet px)
    {
        try
        {
            var h = HealthCalculator.Compute(a, p, px);
            return h.IsLiquidatable ? new LiquidatableAccount(a.Id, h) : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
