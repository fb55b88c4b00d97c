namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>A clock the test moves by hand (timestamps only: enough for elapsed-time arithmetic).</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
