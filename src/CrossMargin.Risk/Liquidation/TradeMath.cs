using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.WadMath;

namespace CrossMargin.Risk.Liquidation;

/// <summary>MarginEngine._applyTrade on an account copy: new position and realised PnL (quote units).</summary>
public static class TradeMath
{
    /// <summary>Applies <paramref name="delta"/> at <paramref name="price"/>; returns realised PnL in quote units.
    /// Throws <see cref="OpenInterestCapException"/> where _updateOpenInterest reverts (when <paramref name="netSize"/> is given).</summary>
    public static Int256 Apply(AccountState a, int marketId, Int256 delta, UInt256 price, RiskParameters p, Int256[]? netSize = null)
    {
        var pos = a.Positions[marketId];
        var size = pos.Size;
        var basis = pos.OpenNotional;
        var realized = Int256.Zero;
        if (size.IsZero || !size.IsNegative == !delta.IsNegative)
        {
            // Rounds up (toward +∞): a higher cost basis lowers the trader's PnL for longs and shorts alike.
            basis += MulDivCeil(delta, price, Wad);
        }
        else
        {
            var closed = delta.UnsignedAbs >= size.UnsignedAbs ? size : -delta;
            // The closed share of the basis rounds up, so realised PnL rounds down.
            var closedBasis = closed == size ? basis : MulDivCeil(basis, closed.UnsignedAbs, size.UnsignedAbs);
            // Exit value and the conversion to quote units round toward −∞.
            realized = MulDivFloor(MulDivFloor(closed, price, Wad) - closedBasis, UInt256.One, p.QuoteScale);
            basis -= closedBasis;
            var opened = delta + closed;
            if (!opened.IsZero)
                basis += MulDivCeil(opened, price, Wad);
        }
        if (netSize is not null)
        {
            var net = netSize[marketId];
            var newNet = net + delta;
            if (newNet.UnsignedAbs > net.UnsignedAbs && newNet.UnsignedAbs > p.Market(marketId).MaxOpenInterest)
                throw new OpenInterestCapException(marketId);
            netSize[marketId] = newNet;
        }
        a.SetPosition(marketId, new PositionState(size + delta, basis));
        return realized;
    }
}
