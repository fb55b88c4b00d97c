namespace CrossMargin.Indexer.Hosting;

/// <summary>
/// Turns samples of (indexed block, target, events committed) into <see cref="BackfillProgress"/>: events/s over the
/// last interval, blocks/s and ETA over the whole run. Time comes from the injected clock; one caller at a time.
/// </summary>
internal sealed class ProgressMeter(TimeProvider time)
{
    private long _startTimestamp = -1;
    private long _startBlock;
    private long _lastTimestamp;
    private long _lastEvents;

    public BackfillProgress Sample(long indexedBlock, long targetBlock, long events)
    {
        var now = time.GetTimestamp();
        if (_startTimestamp < 0)
        {
            (_startTimestamp, _startBlock, _lastTimestamp, _lastEvents) = (now, indexedBlock, now, events);
            return new BackfillProgress(indexedBlock, indexedBlock, targetBlock, events, 0, 0, indexedBlock >= targetBlock ? TimeSpan.Zero : null);
        }
        var interval = time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        var eventsPerSecond = interval > 0 ? (events - _lastEvents) / interval : 0;
        var run = time.GetElapsedTime(_startTimestamp, now).TotalSeconds;
        var blocksPerSecond = run > 0 ? (indexedBlock - _startBlock) / run : 0;
        (_lastTimestamp, _lastEvents) = (now, events);
        TimeSpan? eta = indexedBlock >= targetBlock ? TimeSpan.Zero
            : blocksPerSecond > 0 ? TimeSpan.FromSeconds((targetBlock - indexedBlock) / blocksPerSecond)
            : null;
        return new BackfillProgress(_startBlock, indexedBlock, targetBlock, events, eventsPerSecond, blocksPerSecond, eta);
    }
}
