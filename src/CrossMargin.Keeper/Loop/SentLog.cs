using CrossMargin.Keeper.Sending;

namespace CrossMargin.Keeper.Loop;

/// <summary>
/// Transactions the node accepted, for latency measurements: the last <c>window</c> records and a total count. Bounded
/// like <see cref="OutcomeLog"/>, so a long-running keeper does not keep one record per liquidation forever.
/// </summary>
internal sealed class SentLog(int window)
{
    private readonly Queue<SentRecord> _recent = new();
    private long _total;

    /// <summary>Sends since start, including those that have left the window.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The most recent sends, oldest first (a copy).</summary>
    public IReadOnlyList<SentRecord> Recent
    {
        get
        {
            lock (_recent)
                return [.. _recent];
        }
    }

    public void Add(SentRecord record)
    {
        lock (_recent)
        {
            _recent.Enqueue(record);
            if (_recent.Count > window)
                _recent.Dequeue();
        }
        Interlocked.Increment(ref _total);
    }
}
