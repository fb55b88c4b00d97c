namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// The eth_getLogs block span: doubles after a success that returned under half of <c>targetLogs</c> (up to <c>max</c>),
/// shrinks in proportion when a range returned more than <c>targetLogs</c> (dense blocks: smaller ranges keep the
/// read-ahead pipeline full and each write transaction bounded), and drops to the provider's suggestion or half of
/// the failed span on a range error. Shared by concurrent fetches.
/// </summary>
internal sealed class AdaptiveSpan(ulong initial, ulong max, int targetLogs)
{
    private readonly Lock _gate = new();
    private ulong _span = Math.Clamp(initial, 1, max);

    public ulong Current
    {
        get
        {
            lock (_gate)
                return _span;
        }
    }

    public void Succeeded(ulong span, int logs)
    {
        lock (_gate)
        {
            if (logs > targetLogs)
                _span = Math.Min(_span, Math.Max(1, span * (ulong)targetLogs / (ulong)logs));
            else if (span >= _span && logs < targetLogs / 2)
                _span = Math.Min(max, _span * 2);
        }
    }

    public ulong Failed(ulong span, ulong? suggested)
    {
        lock (_gate)
        {
            var next = suggested is { } s && s < span ? Math.Max(1, s) : Math.Max(1, span / 2);
            _span = Math.Min(_span, next);
            return next;
        }
    }
}
