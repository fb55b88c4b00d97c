using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;
using static CrossMargin.Risk.Math.WadMath;

namespace CrossMargin.Risk.Liquidation;

/// <summary>MarginEngine._applyTrade on an account copy: new position and realised PnL (quote units), and its refusals.</summary>
public static class TradeMath
{
    /// <summary>Applies <paramref name="delta"/> at <paramref name="price"/>; returns realised PnL in quote units. The
    /// open-interest cap is not checked here: <see cref="Refusal"/> models it for trades, and liquidations are exempt.</summary>
    public static Int256 Apply(AccountState a, int marketId, Int256 delta, UInt256 price, RiskParameters p)
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
        a.SetPosition(marketId, new PositionState(size + delta, basis));
        return realized;
    }

    /// <summary>_updateOpenInterest's rule: the cap bounds |net size| and binds only when that grows, so positions can
    /// always be reduced after a cap cut.</summary>
    public static bool ExceedsCap(Int256 net, Int256 delta, UInt256 cap)
    {
        var newNet = net + delta;
        return newNet.UnsignedAbs > net.UnsignedAbs && newNet.UnsignedAbs > cap;
    }

    /// <summary>What _applyTrade refuses before any margin check, in the contract's order: the open-interest cap
    /// (_updateOpenInterest), then _updateMarketMask's ISOLATED rule and position count.</summary>
    public static TradeVerdict Refusal(AccountState a, int marketId, Int256 delta, RiskParameters p, Int256 netSize)
    {
        if (ExceedsCap(netSize, delta, p.Market(marketId).MaxOpenInterest))
            return TradeVerdict.OpenInterestCapExceeded;
        var size = a.Positions[marketId].Size;
        if (!size.IsZero || (size + delta).IsZero)
            return TradeVerdict.Accepted; // not a new position: the mask does not grow
        if (a.Mode == MarginMode.Isolated && a.MarketMask != 0)
            return TradeVerdict.IsolatedMarketTaken;
        if (BitOperations.PopCount(a.MarketMask) == RiskConstants.MaxAccountPositions)
            return TradeVerdict.TooManyPositions;
        return TradeVerdict.Accepted;
    }
}
