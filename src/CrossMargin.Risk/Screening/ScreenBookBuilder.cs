using System.Numerics;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Screening;

/// <summary>Collects accounts (exact states or synthetic doubles) and lays them out as a <see cref="ScreenBook"/>.</summary>
public sealed class ScreenBookBuilder(ScreenParameters parameters)
{
    private readonly List<(ulong Id, bool Portfolio, double Quote, int PosFrom, int PosTo, int ColFrom, int ColTo)> _rows = [];
    private readonly List<(byte Market, double Size, double OpenNotional)> _positions = [];
    private readonly List<(byte Index, double Balance)> _collaterals = [];

    public void Add(ulong id, bool portfolio, double quote, ReadOnlySpan<(byte Market, double Size, double OpenNotional)> positions, ReadOnlySpan<(byte Index, double Balance)> collaterals)
    {
        int p0 = _positions.Count, c0 = _collaterals.Count;
        foreach (var p in positions) _positions.Add(p);
        foreach (var c in collaterals) _collaterals.Add(c);
        _rows.Add((id, portfolio, quote, p0, _positions.Count, c0, _collaterals.Count));
    }

    public void Add(AccountState a, RiskParameters p)
    {
        var positions = new List<(byte, double, double)>();
        for (ulong m = a.MarketMask; m != 0; m &= m - 1)
        {
            int id = BitOperations.TrailingZeroCount(m);
            positions.Add(((byte)id, Wad(a.Positions[id].Size), Wad(a.Positions[id].OpenNotional)));
        }
        var collaterals = new List<(byte, double)>();
        for (uint m = a.CollateralMask; m != 0; m &= m - 1)
        {
            int ci = BitOperations.TrailingZeroCount(m);
            collaterals.Add(((byte)ci, Balance(a, p, ci)));
        }
        Add(a.Id, a.Mode == MarginMode.Portfolio, Quote(a, p), positions.ToArray(), collaterals.ToArray());
    }

    /// <summary>The row inputs of an exact state, shared with in-place row updates (<see cref="LiquidationBook"/>).</summary>
    internal static double Quote(AccountState a, RiskParameters p) => (double)(BigInteger)a.QuoteBalance * ScreenParameters.ToDouble(p.QuoteScale);

    internal static double Balance(AccountState a, RiskParameters p, int ci) =>
        (double)(BigInteger)a.Balances[ci] / System.Math.Pow(10, p.Collateral(ci).TokenDecimals);

    internal static double Wad(Ethereum.Primitives.Int256 v) => (double)(BigInteger)v / 1e18;

    /// <summary>
    /// Lays the rows out grouped by feed signature: the set of feeds a row is exposed to, with the most narrowly held feed
    /// as the most significant bit (then PORTFOLIO, so the hot loop's branch is predictable). Every feed's rows are then
    /// a union of contiguous runs, so a tick reads memory sequentially. The feed of rank k is split into at most 2^k runs:
    /// narrow feeds go first because their rows would otherwise be sparse (a tick would pull a cache line per row),
    /// while a feed held by most rows is dense however it is split.
    /// </summary>
    public ScreenBook Build()
    {
        var order = FeedSignatureOrder();
        var book = new ScreenBook(_rows.Count, _positions.Count, _collaterals.Count);
        var slotMarkets = new List<byte>();
        var byFeed = Enumerable.Range(0, parameters.FeedCount).Select(_ => new List<int>()).ToArray();
        Span<int> slotOf = stackalloc int[ScreenParameters.Stride];
        Span<int> lastRow = stackalloc int[System.Math.Max(1, parameters.FeedCount)];
        lastRow.Fill(-1);
        int pi = 0, ci = 0;
        for (var r = 0; r < _rows.Count; r++)
        {
            var row = _rows[order[r]];
            book.Ids[r] = row.Id;
            book.Portfolio[r] = row.Portfolio;
            book.Quote[r] = row.Quote;
            book.PosStart[r] = pi;
            book.ColStart[r] = ci;
            book.SlotStart[r] = slotMarkets.Count;
            slotOf.Fill(-1);
            for (var k = row.PosFrom; k < row.PosTo; k++, pi++)
            {
                var (market, size, on) = _positions[k];
                (book.PosMarket[pi], book.PosSize[pi], book.PosOpenNotional[pi]) = (market, size, on);
                book.PosSlot[pi] = row.Portfolio ? (byte)Slot(market, slotOf, slotMarkets, book.SlotStart[r]) : (byte)0;
                Index(byFeed, lastRow, parameters.MarketFeed[market], r);
            }
            for (var k = row.ColFrom; k < row.ColTo; k++, ci++)
            {
                var (index, balance) = _collaterals[k];
                (book.ColIndex[ci], book.ColBalance[ci]) = (index, balance);
                int linked = parameters.Linked[index];
                book.ColSlot[ci] = row.Portfolio && linked != 0 ? (sbyte)Slot(linked, slotOf, slotMarkets, book.SlotStart[r]) : (sbyte)-1;
                Index(byFeed, lastRow, parameters.CollateralFeed[index], r);
            }
        }
        book.PosStart[_rows.Count] = pi;
        book.ColStart[_rows.Count] = ci;
        book.SlotStart[_rows.Count] = slotMarkets.Count;
        book.SlotMarket = slotMarkets.ToArray();
        for (var r = 0; r < _rows.Count; r++)
            book.SumOpenNotional(r);
        book.RowsByFeed = byFeed.Select(l => l.ToArray()).ToArray();
        return book;
    }

    private int[] FeedSignatureOrder()
    {
        var masks = new ulong[_rows.Count];
        var rowsOnFeed = new int[parameters.FeedCount];
        for (var r = 0; r < _rows.Count; r++)
        {
            var row = _rows[r];
            for (var k = row.PosFrom; k < row.PosTo; k++)
                masks[r] |= FeedBit(parameters.MarketFeed[_positions[k].Market]);
            for (var k = row.ColFrom; k < row.ColTo; k++)
                masks[r] |= FeedBit(parameters.CollateralFeed[_collaterals[k].Index]);
            for (var m = masks[r]; m != 0; m &= m - 1)
                rowsOnFeed[BitOperations.TrailingZeroCount(m)]++;
        }
        // Rank feeds by how many rows they touch: rank 0 (narrowest) becomes the top bit of the sort key.
        var rank = new int[parameters.FeedCount];
        var byWidth = Enumerable.Range(0, parameters.FeedCount).OrderBy(f => rowsOnFeed[f]).ToArray();
        for (var k = 0; k < byWidth.Length; k++)
            rank[byWidth[k]] = k;
        var keys = new ulong[_rows.Count];
        for (var r = 0; r < _rows.Count; r++)
        {
            ulong key = 0;
            for (var m = masks[r]; m != 0; m &= m - 1)
                key |= 1UL << (62 - rank[BitOperations.TrailingZeroCount(m)]);
            keys[r] = ~(key | (_rows[r].Portfolio ? 1UL : 0UL)); // descending: exposed rows first
        }
        var order = Enumerable.Range(0, _rows.Count).ToArray();
        Array.Sort(keys, order); // ties keep no particular order; the layout only needs the grouping
        return order;
    }

    private static ulong FeedBit(int feed) => feed < 0 ? 0 : 1UL << feed;

    private static int Slot(int market, Span<int> slotOf, List<byte> slotMarkets, int start)
    {
        if (slotOf[market] < 0)
        {
            slotOf[market] = slotMarkets.Count - start;
            slotMarkets.Add((byte)market);
        }
        return slotOf[market];
    }

    private static void Index(List<int>[] byFeed, Span<int> lastRow, int feed, int row)
    {
        if (feed < 0 || lastRow[feed] == row)
            return;
        lastRow[feed] = row;
        byFeed[feed].Add(row);
    }
}
