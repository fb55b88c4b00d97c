using System.Threading.Channels;
using CrossMargin.Keeper.Pipeline;

namespace CrossMargin.Keeper.Loop;

/// <summary>
/// Where attempt outcomes go: a <see cref="RecentWindow{T}"/> of the most recent ones with a count of all, and a bounded
/// stream for a reader such as the CLI, which drops its oldest item when nobody reads it (metrics count everything
/// regardless). A keeper runs for weeks, so nothing here grows with its lifetime.
/// </summary>
internal sealed class OutcomeLog(int window)
{
    private readonly RecentWindow<AttemptOutcome> _recent = new(window);
    private readonly Channel<AttemptOutcome> _stream = Channel.CreateBounded<AttemptOutcome>(
        new BoundedChannelOptions(window) { FullMode = BoundedChannelFullMode.DropOldest, SingleWriter = true });

    public ChannelReader<AttemptOutcome> Stream => _stream.Reader;

    public long Total => _recent.Total;

    public IReadOnlyList<AttemptOutcome> Recent => _recent.Items;

    public void Add(AttemptOutcome outcome)
    {
        _recent.Add(outcome);
        _stream.Writer.TryWrite(outcome);
    }
}
