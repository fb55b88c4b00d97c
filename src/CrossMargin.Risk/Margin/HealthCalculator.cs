using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.WadMath;

namespace CrossMargin.Risk.Margin;

/// <summary>
/// MarginEngine._health to the wei: same loops (collaterals then markets, ascending ids), same operations in the same
/// order, same roundings. Checked Int256/UInt256 arithmetic throws where Solidity 0.8 reverts.
/// </summary>
public static class HealthCalculator
{
    /// <summary>The exact health: the 128-bit fast path (<see cref="FastHealth"/>) when every value fits, else
    /// <see cref="ComputeWide"/>. Both give the identical result (tests: differential on Anvil, randomized property).</summary>
    public static Health Compute(AccountState a, RiskParameters p, PriceSet px)
    {
        try
        {
            return FastHealth.Compute(a, p, px);
        }
        catch (OverflowException)
        {
            // Some value needs more than 128 bits: the 256-bit path decides (and reverts where the contract does).
            return ComputeWide(a, p, px);
        }
    }

    /// <summary>The reference transcription on 256-bit integers.</summary>
    public static Health ComputeWide(AccountState a, RiskParameters p, PriceSet px)
    {
        bool portfolio = a.Mode == MarginMode.Portfolio;
        Span<Int256> exposure = stackalloc Int256[RiskConstants.MaxMarkets + 1];
        ulong exposed = 0;
        int linkedCount = 0;
        Int256 nlvMaint = a.QuoteBalance * (Int256)p.QuoteScale;
        Int256 nlvInit = nlvMaint;
        for (uint mask = a.CollateralMask; mask != 0; mask &= mask - 1)
        {
            int ci = BitOperations.TrailingZeroCount(mask);
            var c = p.Collateral(ci);
            // Rounds down: collateral value favours the protocol.
            var value = MulDivDown(a.Balances[ci], px.OfCollateral(ci), Pow10(c.TokenDecimals));
            if (portfolio && c.LinkedMarket != 0)
            {
                // Linked collateral counts at full price: its price risk is already in V.
                exposure[c.LinkedMarket] += (Int256)value;
                exposed |= 1UL << c.LinkedMarket;
                linkedCount++;
                nlvMaint += (Int256)value;
                nlvInit += (Int256)value;
            }
            else
            {
                nlvMaint += (Int256)WMulDown(value, Wad - c.Hm);
                nlvInit += (Int256)WMulDown(value, Wad - c.Hi);
            }
        }
        UInt256 mm = UInt256.Zero, im = UInt256.Zero;
        for (ulong mask = a.MarketMask; mask != 0; mask &= mask - 1)
        {
            int id = BitOperations.TrailingZeroCount(mask);
            var m = p.Market(id);
            var pos = a.Positions[id];
            var price = px.OfMarket(id);
            // Rounds toward −∞: position value favours the protocol.
            var x = MulDivFloor(pos.Size, price, Wad);
            nlvMaint += x - pos.OpenNotional;
            nlvInit += x - pos.OpenNotional;
            // Rounds up: |x| feeds requirements.
            var absX = MulDivUp(pos.Size.UnsignedAbs, price, Wad);
            mm += WMulUp(absX, m.Mmf);
            im += WMulUp(absX, m.Imf);
            if (portfolio)
                exposure[id] += x;
        }
        if (portfolio)
        {
            var root = PortfolioRoot.Compute(exposure, exposed | a.MarketMask, linkedCount, p);
            // Rounds up: requirements favour the protocol.
            var mmP = UInt256.Max(root, WMulUp(mm, p.Alpha));
            var imP = UInt256.Max(WMulUp(root, p.KIm), WMulUp(im, p.Alpha));
            (mm, im) = (mmP, imP);
        }
        return new Health(nlvMaint, nlvInit, mm, im);
    }
}
