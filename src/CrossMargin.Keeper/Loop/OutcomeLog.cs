using System.Threading.Channels;
using CrossMargin.Keeper.Pipeline;

namespace CrossMargin.Keeper.Loop;

/// <summary>
/// Where attempt outcomes go: a bounded window of the most recent ones (<see cref="Recent"/>), counts of all of them, and
/// a bounded stream for a reader such as the CLI. A keeper runs for weeks, so nothing here grows with its lifetime:
/// the window keeps the last <see cref="KeeperOptions.OutcomeWindow"/> outcomes and the stream drops its oldest item
/// when nobody reads it (metrics count everything regardless).
/// </summary>
internal sealed class OutcomeLog(int window)
{
    private readonly Queue<AttemptOutcome> _recent = new();
    private readonly Channel<AttemptOutcome> _stream = Channel.CreateBounded<AttemptOutcome>(
        new BoundedChannelOptions(window) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });
    private long _total;

    public ChannelReader<AttemptOutcome> Stream => _stream.Reader;

    /// <summary>Outcomes recorded since start, including those that have left the window.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The most recent outcomes, oldest first (a copy).</summary>
    public IReadOnlyList<AttemptOutcome> Recent
    {
        get
        {
            lock (_recent)
                return [.. _recent];
        }
    }

    public void Add(AttemptOutcome outcome)
    {
        lock (_recent)
        {
            _recent.Enqueue(outcome);
            if (_recent.Count > window)
                _recent.Dequeue();
        }
        Interlocked.Increment(ref _total);
        _stream.Writer.TryWrite(outcome);
    }
}
