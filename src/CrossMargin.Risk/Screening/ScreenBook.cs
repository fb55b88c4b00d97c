namespace CrossMargin.Risk.Screening;

/// <summary>
/// Struct-of-arrays book for the screen: one row per account, positions and collaterals in flat arrays addressed by
/// [Start[a], Start[a+1]). Values are doubles in USD/base units. In PORTFOLIO rows every position and linked
/// collateral carries a slot (its market's exposure bucket), precomputed so the hot loop never searches.
/// Built by <see cref="ScreenBookBuilder"/>.
/// </summary>
public sealed class ScreenBook
{
    internal ScreenBook(int count, int positions, int collaterals)
    {
        Count = count;
        Ids = new ulong[count];
        Portfolio = new bool[count];
        Quote = new double[count];
        OpenNotional = new double[count];
        OpenNotionalAbs = new double[count];
        PosStart = new int[count + 1];
        PosMarket = new byte[positions];
        PosSize = new double[positions];
        PosOpenNotional = new double[positions];
        PosSlot = new byte[positions];
        ColStart = new int[count + 1];
        ColIndex = new byte[collaterals];
        ColBalance = new double[collaterals];
        ColSlot = new sbyte[collaterals];
        SlotStart = new int[count + 1];
        Margin = new double[count];
    }

    public int Count { get; }
    public ulong[] Ids { get; }
    public bool[] Portfolio { get; }
    /// <summary>Quote balance in USD.</summary>
    public double[] Quote { get; }
    /// <summary>Σ open notional of the row's positions (USD), summed once so the hot loop does not read it per position.</summary>
    public double[] OpenNotional { get; }
    /// <summary>Σ |open notional| (USD): its share of the screen's error budget.</summary>
    public double[] OpenNotionalAbs { get; }
    public int[] PosStart { get; }
    public byte[] PosMarket { get; }
    /// <summary>Signed size in base units (WAD / 1e18).</summary>
    public double[] PosSize { get; }
    /// <summary>Per position (kept for in-place updates; the screen reads the row sums <see cref="OpenNotional"/>).</summary>
    public double[] PosOpenNotional { get; }
    public byte[] PosSlot { get; }
    public int[] ColStart { get; }
    public byte[] ColIndex { get; }
    /// <summary>Balance in whole tokens (units / 10^decimals).</summary>
    public double[] ColBalance { get; }
    /// <summary>Exposure slot of a linked collateral in a PORTFOLIO row, −1 otherwise (haircut).</summary>
    public sbyte[] ColSlot { get; }
    public int[] SlotStart { get; internal set; }
    public byte[] SlotMarket { get; internal set; } = [];

    /// <summary>Screen result per row: a lower bound of NLV_hm − MM (USD); negative or NaN = candidate.</summary>
    public double[] Margin { get; }

    /// <summary>Recomputes the row's open-notional sums after its positions changed in place.</summary>
    public void SumOpenNotional(int r)
    {
        double sum = 0, abs = 0;
        for (int k = PosStart[r]; k < PosStart[r + 1]; k++)
        {
            sum += PosOpenNotional[k];
            abs += System.Math.Abs(PosOpenNotional[k]);
        }
        OpenNotional[r] = sum;
        OpenNotionalAbs[r] = abs;
    }

    /// <summary>Rows exposed to each feed (positions and collaterals priced by it), for incremental ticks.</summary>
    public int[][] RowsByFeed { get; internal set; } = [];
}
