using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Screening;

/// <summary>
/// The keeper's incremental view: the exact mirror (<see cref="RiskEventApplier"/>) plus a screen kept in step with
/// every log. CollateralUpdated/PositionUpdated rewrite the account's row in place and recompute its margin when the
/// row keeps its shape (same markets, same collaterals); otherwise the row is retired and the account is re-checked
/// exactly on every query until <see cref="Rebuild"/> (also the fate of accounts opened after the build). AnswerUpdated
/// ticks the feed. Parameter events mark the screen stale; the next query rebuilds it.
/// Reorgs: the applier journals every log (<see cref="RiskJournal"/>); a removed log, or a log whose block hash differs
/// from the one recorded at its height, rolls the mirror back to the block before it and rebuilds the screen, so the
/// book equals a from-scratch load of the new chain once the new chain's logs are applied (<see cref="ChainFollower"/>
/// finds the common ancestor by head for pollers).
/// </summary>
public sealed class LiquidationBook
{
    private readonly RiskEventApplier _applier;
    private readonly HashSet<ulong> _exactOnly = [];
    private Dictionary<ulong, int> _rowOf = [];
    private ScreenParameters _parameters = null!;
    private Screener _screener = null!;
    private PriceSet _prices = null!;
    private bool _stale;

    public LiquidationBook(RiskEventApplier applier, int reorgDepth = 256)
    {
        _applier = applier;
        _applier.Journal ??= new RiskJournal(reorgDepth);
        Rebuild();
    }

    public RiskBook Book => _applier.Book;

    public RiskJournal Journal => _applier.Journal!;

    public Screener Screener => _screener;

    /// <summary>Accounts without a live screen row (re-checked exactly on every query).</summary>
    public int ExactOnlyCount => _exactOnly.Count;

    /// <summary>Rebuild when this many accounts have no live row (1% of the book, at least 1,024).</summary>
    public int RebuildThreshold => System.Math.Max(1_024, _rowOf.Count / 100);

    /// <summary>Lays out every account afresh from the exact states and recomputes the whole screen.</summary>
    public void Rebuild()
    {
        _prices = Book.Prices();
        _parameters = ScreenParameters.From(Book.Parameters, _prices);
        var builder = new ScreenBookBuilder(_parameters);
        foreach (var a in Book.Accounts.Values)
            builder.Add(a, Book.Parameters);
        _screener = new Screener(builder.Build(), _parameters);
        _screener.RecomputeAll();
        var ids = _screener.Book.Ids;
        _rowOf = new Dictionary<ulong, int>(ids.Length);
        for (var r = 0; r < ids.Length; r++)
            _rowOf[ids[r]] = r;
        _exactOnly.Clear();
        _stale = false;
    }

    /// <summary>Applies one log (chain order) to the mirror and the screen. Returns what it changed. A removed log (or a
    /// log from another fork at or below the newest block seen) first rolls back to the block before it; throws
    /// <see cref="ReorgTooDeepException"/> when the journal does not reach that far (reload the mirror).</summary>
    public RiskChange Apply(LogEntry log)
    {
        var recorded = Journal.HashOf(log.BlockNumber);
        // A removed log of a block still in the book, or a live log at or below the tip from another block: the chain
        // forked below it (a removed log of a block already rolled back changes nothing).
        var forked = log.Removed ? recorded == log.BlockHash : log.BlockNumber <= Journal.Tip && recorded != log.BlockHash;
        if (forked)
        {
            if (!Rollback(log.BlockNumber - 1))
                throw new ReorgTooDeepException(log.BlockNumber - 1, Journal.Floor);
        }
        if (log.Removed)
            return new RiskChange(RiskChangeKind.Rollback);
        var change = _applier.ApplyChange(log);
        switch (change.Kind)
        {
            case RiskChangeKind.Account when !_stale:
                Refresh(change.AccountId);
                break;
            case RiskChangeKind.Answer when !_stale:
                Tick(change.Feed);
                break;
            case RiskChangeKind.Parameters:
                _stale = true;
                break;
        }
        return change;
    }

    /// <summary>Records the hash of a block whose logs are all applied (a head), so a later fork below it is detected.</summary>
    public void Seal(ulong number, Hash32 hash)
    {
        if (Journal.Tip is not { } tip || number > tip)
            Journal.Begin(number, hash);
    }

    /// <summary>Undoes every block above <paramref name="block"/> and rebuilds the screen. False (nothing changed) when
    /// the journal does not reach back that far.</summary>
    public bool Rollback(ulong block)
    {
        if (Journal.Tip is not { } tip || block >= tip)
            return true;
        if (!Journal.Rollback(Book, block))
            return false;
        Rebuild();
        return true;
    }

    /// <summary>The exact liquidatable set at the mirror's prices, most underwater first (see <see cref="ExactRecheck"/>).</summary>
    public List<LiquidatableAccount> Liquidatable()
    {
        if (_stale || _exactOnly.Count > RebuildThreshold)
            Rebuild();
        var ids = _screener.Candidates().Select(r => _screener.Book.Ids[r]).Concat(_exactOnly);
        return ExactRecheck.Run(ids.Select(Book.Account), Book.Parameters, _prices);
    }

    private void Tick(Address aggregator)
    {
        _prices = Book.Prices();
        if (!_parameters.FeedIndex.TryGetValue(aggregator, out var feed))
            return;
        var p = Book.Parameters;
        // Every market and collateral on one aggregator normalises the same answer; take whichever is listed.
        var wad = Enumerable.Range(1, RiskConstants.MaxMarkets).Where(i => p.Markets[i]?.Aggregator == aggregator).Select(i => _prices.Market[i])
            .Concat(Enumerable.Range(0, RiskConstants.MaxCollaterals).Where(c => p.Collaterals[c]?.Aggregator == aggregator).Select(c => _prices.Collateral[c]))
            .First();
        _screener.Tick(feed, ScreenParameters.ToDouble(wad));
    }

    private void Refresh(ulong id)
    {
        var a = Book.Account(id);
        if (!_rowOf.TryGetValue(id, out var r))
        {
            _exactOnly.Add(id);
            return;
        }
        var book = _screener.Book;
        if (!SameShape(book, r, a))
        {
            Retire(book, r);
            _exactOnly.Add(id);
            return;
        }
        var p = Book.Parameters;
        book.Quote[r] = ScreenBookBuilder.Quote(a, p);
        for (int k = book.PosStart[r]; k < book.PosStart[r + 1]; k++)
        {
            var pos = a.Positions[book.PosMarket[k]];
            book.PosSize[k] = ScreenBookBuilder.Wad(pos.Size);
            book.PosOpenNotional[k] = ScreenBookBuilder.Wad(pos.OpenNotional);
        }
        book.SumOpenNotional(r);
        for (int k = book.ColStart[r]; k < book.ColStart[r + 1]; k++)
            book.ColBalance[k] = ScreenBookBuilder.Balance(a, p, book.ColIndex[k]);
        book.Margin[r] = _screener.RowMargin(r);
    }

    /// <summary>Same markets and collaterals as the row (a retired row matches nothing, its account stays exact-only).</summary>
    private bool SameShape(ScreenBook book, int r, AccountState a)
    {
        if (_exactOnly.Contains(a.Id))
            return false;
        ulong markets = 0;
        for (int k = book.PosStart[r]; k < book.PosStart[r + 1]; k++)
            markets |= 1UL << book.PosMarket[k];
        uint collaterals = 0;
        for (int k = book.ColStart[r]; k < book.ColStart[r + 1]; k++)
            collaterals |= 1U << book.ColIndex[k];
        return markets == a.MarketMask && collaterals == a.CollateralMask;
    }

    /// <summary>Zero exposure and a huge quote: the screen never flags the row again (the account is checked exactly instead).</summary>
    private void Retire(ScreenBook book, int r)
    {
        book.Quote[r] = 1e300;
        book.PosSize.AsSpan(book.PosStart[r], book.PosStart[r + 1] - book.PosStart[r]).Clear();
        book.PosOpenNotional.AsSpan(book.PosStart[r], book.PosStart[r + 1] - book.PosStart[r]).Clear();
        book.ColBalance.AsSpan(book.ColStart[r], book.ColStart[r + 1] - book.ColStart[r]).Clear();
        book.SumOpenNotional(r);
        book.Margin[r] = _screener.RowMargin(r);
    }
}
