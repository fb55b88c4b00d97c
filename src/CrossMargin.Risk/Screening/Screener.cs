using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Screening;

/// <summary>
/// The fast, provably conservative liquidation screen. For each row it computes, in doubles, a lower bound of
/// NLV_hm and an upper bound of MM (see <see cref="ScreenSlack"/> and docs/risk-engine.md) and stores
/// Margin = NLV_low − MM_up. A row whose exact NLV_hm &lt; MM always gets Margin &lt; 0, so re-checking the rows with
/// Margin &lt; 0 (or NaN) exactly never misses a liquidatable account.
/// </summary>
public sealed class Screener(ScreenBook book, ScreenParameters parameters)
{
    private const int Chunk = 8192;

    public ScreenBook Book => book;

    public ScreenParameters Parameters => parameters;

    /// <summary>Recomputes every row (parallel over chunks).</summary>
    public void RecomputeAll()
    {
        int chunks = (book.Count + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, c =>
        {
            Span<double> scratch = stackalloc double[2 * RiskConstants.MaxSlots];
            int end = System.Math.Min(book.Count, (c + 1) * Chunk);
            for (int r = c * Chunk; r < end; r++)
                book.Margin[r] = RowMargin(r, scratch);
        });
    }

    /// <summary>A new price on one feed: updates every market and collateral priced by it and recomputes only the rows exposed to it.</summary>
    public void Tick(int feed, double price)
    {
        for (var i = 0; i < parameters.MarketFeed.Length; i++)
            if (parameters.MarketFeed[i] == feed) parameters.MarketPrice[i] = price;
        for (var c = 0; c < parameters.CollateralFeed.Length; c++)
            if (parameters.CollateralFeed[c] == feed) parameters.CollateralPrice[c] = price;
        var rows = book.RowsByFeed[feed];
        int chunks = (rows.Length + Chunk - 1) / Chunk;
        Parallel.For(0, chunks, c =>
        {
            Span<double> scratch = stackalloc double[2 * RiskConstants.MaxSlots];
            int end = System.Math.Min(rows.Length, (c + 1) * Chunk);
            for (int k = c * Chunk; k < end; k++)
                book.Margin[rows[k]] = RowMargin(rows[k], scratch);
        });
    }

    /// <summary>Rows to re-check exactly: Margin &lt; 0 or NaN.</summary>
    public List<int> Candidates()
    {
        var list = new List<int>();
        var margin = book.Margin;
        for (var r = 0; r < margin.Length; r++)
            if (!(margin[r] >= 0)) list.Add(r);
        return list;
    }

    public double RowMargin(int r) => RowMargin(r, stackalloc double[2 * RiskConstants.MaxSlots]);

    /// <param name="scratch">2·MaxSlots doubles, reused across rows (a per-row stackalloc would be zeroed every time).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double RowMargin(int r, Span<double> scratch)
    {
        // The hot loop indexes the SoA arrays through At (no bounds checks): every index comes from the book's own
        // Start/Slot arrays, which the builder lays out consistently (tests: screen and incremental-book properties).
        double q = At(book.Quote, r);
        // NLV = quote + collateral + Σx − Σ open notional; |terms| includes Σ|open notional| (error budget unchanged).
        double nlv = q - At(book.OpenNotional, r), abs = System.Math.Abs(q) + At(book.OpenNotionalAbs, r), mmCross = 0;
        var cp = parameters.CollateralPrice;
        var oneMinusHm = parameters.OneMinusHm;
        var mp = parameters.MarketPrice;
        var mmf = parameters.Mmf;
        int c0 = At(book.ColStart, r), c1 = At(book.ColStart, r + 1);
        int p0 = At(book.PosStart, r), p1 = At(book.PosStart, r + 1);
        if (!At(book.Portfolio, r))
        {
            for (int k = c0; k < c1; k++)
            {
                int ci = At(book.ColIndex, k);
                double t = At(book.ColBalance, k) * At(cp, ci) * At(oneMinusHm, ci);
                nlv += t;
                abs += t;
            }
            for (int k = p0; k < p1; k++)
            {
                int id = At(book.PosMarket, k);
                double x = At(book.PosSize, k) * At(mp, id);
                nlv += x;
                double ax = System.Math.Abs(x);
                abs += ax;
                mmCross += ax * At(mmf, id);
            }
            return nlv - ScreenSlack.Relative * abs - ScreenSlack.Absolute - (mmCross * (1 + ScreenSlack.Relative) + ScreenSlack.Absolute);
        }
        int s0 = At(book.SlotStart, r);
        int slots = At(book.SlotStart, r + 1) - s0;
        var e = scratch[..slots];
        var eAbs = scratch.Slice(RiskConstants.MaxSlots, slots);
        e.Clear();
        eAbs.Clear();
        for (int k = c0; k < c1; k++)
        {
            int ci = At(book.ColIndex, k);
            double v = At(book.ColBalance, k) * At(cp, ci);
            int slot = At(book.ColSlot, k);
            if (slot >= 0) { e[slot] += v; eAbs[slot] += v; nlv += v; abs += v; }
            else { double t = v * At(oneMinusHm, ci); nlv += t; abs += t; }
        }
        for (int k = p0; k < p1; k++)
        {
            int id = At(book.PosMarket, k);
            double x = At(book.PosSize, k) * At(mp, id);
            nlv += x;
            double ax = System.Math.Abs(x);
            abs += ax;
            mmCross += ax * At(mmf, id);
            int slot = At(book.PosSlot, k);
            e[slot] += x;
            eAbs[slot] += ax;
        }
        double nlvLow = nlv - ScreenSlack.Relative * abs - ScreenSlack.Absolute;
        double vSum = 0, vAbs = 0, yAbs = 0, dSum = 0;
        var sigmas = parameters.Sigma;
        var rho = parameters.Rho;
        for (int i = 0; i < slots; i++)
        {
            double sigma = At(sigmas, At(book.SlotMarket, s0 + i));
            e[i] *= sigma;
            yAbs += System.Math.Abs(e[i]);
            // |ŷ_i − y_i| ≤ δ_i: float error of e_i (relative to Σ|components|, it may cancel) plus integer roundings.
            dSum += ScreenSlack.Relative * sigma * eAbs[i] + 1e-15;
        }
        for (int i = 0; i < slots; i++)
        {
            int mi = At(book.SlotMarket, s0 + i) * ScreenParameters.Stride;
            double yi = e[i];
            double cross = 0, crossAbs = 0;
            for (int j = i + 1; j < slots; j++)
            {
                double t = yi * At(rho, mi + At(book.SlotMarket, s0 + j)) * e[j];
                cross += t;
                crossAbs += System.Math.Abs(t);
            }
            // Σ_ij = Σ_i y_i² + 2·Σ_{i<j}: doubling is exact in floating point, so the error bound is unchanged.
            vSum += yi * yi + 2 * cross;
            vAbs += yi * yi + 2 * crossAbs;
        }
        // Upper bound of V: float error of the products ≤ Relative·Σ|terms|; errors δ of y with |ρ| ≤ 1 add at most
        // (Σ|y| + Σδ)² − (Σ|y|)²; the contract's ceilings of cross terms add < 1e-30 USD². The contract's rounding
        // allowance 2·s·Σ|y| + s² (s ≤ 18 per slot, in wei) is ≤ 3.6e-17·slots·Σ|y| + 2e-31 USD², inside 2·Σ|y|·dSum
        // (dSum ≥ 1e-15 per slot).
        double vUp = vSum + ScreenSlack.Relative * vAbs + (2 * (yAbs + dSum) + dSum) * dSum + 1e-28;
        double root = vUp > 0 ? System.Math.Sqrt(vUp) * (1 + ScreenSlack.Relative) : 0;
        double mmUp = System.Math.Max(root, parameters.Alpha * mmCross * (1 + ScreenSlack.Relative)) + ScreenSlack.Absolute;
        return nlvLow - mmUp;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref T At<T>(T[] array, int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(array), index);
}
