using System.Numerics;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.Wide128;

namespace CrossMargin.Risk.Margin;

/// <summary>
/// <see cref="HealthCalculator.ComputeWide"/> on 128-bit values: the same loops, operations, order and roundings, with
/// every product taken at full 256-bit width (<see cref="Math.Wide128"/>). Sums are checked; any operand, quotient or
/// sum that does not fit throws <see cref="OverflowException"/> and <see cref="HealthCalculator.Compute"/> reruns the
/// 256-bit path, so the result is identical or the same revert. Realistic books (balances &lt; 3.4e20 tokens, prices and
/// notionals &lt; 1.7e20 USD) never leave the fast path.
/// </summary>
internal static class FastHealth
{
    private const ulong Wad = 1_000_000_000_000_000_000UL;

    public static Health Compute(AccountState a, RiskParameters p, PriceSet px)
    {
        bool portfolio = a.Mode == MarginMode.Portfolio;
        Span<Int128> exposure = stackalloc Int128[RiskConstants.MaxMarkets + 1];
        ulong exposed = 0;
        int linkedCount = 0;
        Int128 nlvMaint = checked(Narrow(a.QuoteBalance) * (Int128)Narrow64(p.QuoteScale));
        Int128 nlvInit = nlvMaint;
        for (uint mask = a.CollateralMask; mask != 0; mask &= mask - 1)
        {
            int ci = BitOperations.TrailingZeroCount(mask);
            var c = p.Collateral(ci);
            // Rounds down: collateral value favours the protocol.
            var value = MulDiv(Narrow(a.Balances[ci]), Narrow(px.OfCollateral(ci)), Narrow64(Math.WadMath.Pow10(c.TokenDecimals)), false);
            if (portfolio && c.LinkedMarket != 0)
            {
                var v = Signed(value);
                checked
                {
                    exposure[c.LinkedMarket] += v;
                    nlvMaint += v;
                    nlvInit += v;
                }
                exposed |= 1UL << c.LinkedMarket;
                linkedCount++;
            }
            else
            {
                checked
                {
                    nlvMaint += Signed(MulDiv(value, OneMinus(c.Hm), Wad, false));
                    nlvInit += Signed(MulDiv(value, OneMinus(c.Hi), Wad, false));
                }
            }
        }
        UInt128 mm = 0, im = 0;
        for (ulong mask = a.MarketMask; mask != 0; mask &= mask - 1)
        {
            int id = BitOperations.TrailingZeroCount(mask);
            var m = p.Market(id);
            var pos = a.Positions[id];
            var price = Narrow(px.OfMarket(id));
            var size = Narrow(pos.Size);
            // Rounds toward −∞: position value favours the protocol.
            var x = MulDivFloor(size, price, Wad);
            // Rounds up: |x| feeds requirements.
            var absX = MulDiv(Abs(size), price, Wad, true);
            checked
            {
                var pnl = x - Narrow(pos.OpenNotional);
                nlvMaint += pnl;
                nlvInit += pnl;
                mm += MulDiv(absX, Narrow(m.Mmf), Wad, true);
                im += MulDiv(absX, Narrow(m.Imf), Wad, true);
                if (portfolio)
                    exposure[id] += x;
            }
        }
        if (portfolio)
        {
            var root = FastPortfolioRoot.Compute(exposure, exposed | a.MarketMask, linkedCount, p);
            var alpha = Narrow(p.Alpha);
            // Rounds up: requirements favour the protocol.
            var mmP = UInt128.Max(root, MulDiv(mm, alpha, Wad, true));
            var imP = UInt128.Max(MulDiv(root, Narrow(p.KIm), Wad, true), MulDiv(im, alpha, Wad, true));
            (mm, im) = (mmP, imP);
        }
        return new Health(Widen(nlvMaint), Widen(nlvInit), Widen(mm), Widen(im));
    }

    /// <summary>1e18 − h; a haircut above 1 is left to the 256-bit path (which reverts like the contract).</summary>
    private static UInt128 OneMinus(Ethereum.Primitives.UInt256 h)
    {
        var v = Narrow(h);
        return v <= Wad ? Wad - v : throw Overflow();
    }
}
