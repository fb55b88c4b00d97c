namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// The eth_getLogs block span: doubles after each success (up to <c>max</c>), drops to the provider's suggestion or
/// half of the failed span on a range error. Shared by concurrent fetches.
/// </summary>
internal sealed class AdaptiveSpan(ulong initial, ulong max)
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

    public void Succeeded(ulong span)
    {
        lock (_gate)
        {
            if (span >= _span)
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
