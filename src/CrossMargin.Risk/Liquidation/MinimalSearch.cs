using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Liquidation;

/// <summary>
/// Smallest integer in [1, max] accepted by a predicate that need not be monotone (PORTFOLIO liquidations can be
/// non-monotone: closing a hedge leg can raise the requirement). Scans <see cref="GridPoints"/> evenly spaced points
/// to find the first accepted grid cell, then bisects inside that cell and fixes up locally, so the result r
/// satisfies: accepted(r), !accepted(r − 1) (or r = 1), and no grid point below r is accepted. Inside a cell the
/// predicate is assumed monotone; an accepted island narrower than a cell below the first accepted grid point is
/// the documented blind spot. When the coarse grid finds nothing it is rescanned with <see cref="FineGridPoints"/>.
/// (Narrow monotone windows — a CROSS collateral liquidation accepted only in ~1/130 of the debt — are found exactly by
/// <see cref="LiquidationPlanner"/>'s first step; the rescan serves the non-monotone PORTFOLIO cases it falls back to.)
/// </summary>
public static class MinimalSearch
{
    public const int GridPoints = 64;
    public const int FineGridPoints = 64 * 64;

    public static UInt256? Find(UInt256 max, Func<UInt256, bool> accepted) =>
        Find(max, accepted, GridPoints) ?? Find(max, accepted, FineGridPoints);

    private static UInt256? Find(UInt256 max, Func<UInt256, bool> accepted, int gridPoints)
    {
        if (max.IsZero)
            return null;
        var step = max / new UInt256((ulong)gridPoints);
        UInt256 lo = UInt256.Zero; // largest known-rejected point below the first accepted grid point (0 = none)
        UInt256? hi = null;
        if (step.IsZero)
        {
            for (UInt256 r = UInt256.One; r <= max; r += UInt256.One)
            {
                if (accepted(r))
                    return r;
            }
            return null;
        }
        for (var k = 1; k <= gridPoints; k++)
        {
            var point = k == gridPoints ? max : step * new UInt256((ulong)k);
            if (accepted(point))
            {
                hi = point;
                break;
            }
            lo = point;
        }
        if (hi is not { } h)
            return null;
        while (true)
        {
            // Invariant: accepted(h), and lo == 0 or !accepted(lo).
            while (h - lo > UInt256.One)
            {
                var mid = lo + ((h - lo) >> 1);
                if (accepted(mid))
                    h = mid;
                else
                    lo = mid;
            }
            if (lo.IsZero || !accepted(lo))
                return h;
            h = lo; // local fix-up: a non-monotone cell, keep descending
            lo = h > step ? h - step : UInt256.Zero;
            while (!lo.IsZero && accepted(lo))
            {
                h = lo;
                lo = h > step ? h - step : UInt256.Zero;
            }
        }
    }
}
