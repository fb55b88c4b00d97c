using Prometheus;

namespace CrossMargin.Indexer.Hosting;

/// <summary>
/// Live state of an indexer, shared with the API host in the same process (readiness, lag, /metrics): its own
/// Prometheus registry so several hosts can live in one process (tests, benchmarks).
/// </summary>
public sealed class IndexerStatus
{
    private readonly Gauge _indexed;
    private readonly Gauge _head;
    private readonly Gauge _lag;
    private readonly Counter _events;
    private readonly Gauge _rate;
    private readonly Counter _reorgs;
    private readonly Counter _readWait;
    private readonly Counter _write;
    private long _indexedBlock = -1;
    private long _headBlock = -1;
    private long _eventsTotal;
    private long _commits;
    private double _eventsPerSecond;
    private volatile bool _ready;
    private volatile BackfillProgress _progress = BackfillProgress.None;

    public IndexerStatus()
    {
        Registry = Metrics.NewCustomRegistry();
        var f = Metrics.WithCustomRegistry(Registry);
        _indexed = f.CreateGauge("crossmargin_indexer_indexed_block", "Last block whose events are committed.");
        _head = f.CreateGauge("crossmargin_indexer_head_block", "Chain head seen by the indexer.");
        _lag = f.CreateGauge("crossmargin_indexer_lag_blocks", "Head minus indexed block.");
        _events = f.CreateCounter("crossmargin_indexer_events_total", "Events committed.");
        _rate = f.CreateGauge("crossmargin_indexer_events_per_second", "Events committed per second over the last progress interval.");
        _reorgs = f.CreateCounter("crossmargin_indexer_reorgs_total", "Reorgs rolled back.");
        _readWait = f.CreateCounter("crossmargin_indexer_read_wait_seconds_total", "Time the writer waited for the next range to be read (reads are the bottleneck when this grows).");
        _write = f.CreateCounter("crossmargin_indexer_write_seconds_total", "Time spent writing ranges (decode excluded), commit included.");
    }

    public CollectorRegistry Registry { get; }

    /// <summary>True once the backfill reached the head seen at start.</summary>
    public bool IsReady => _ready;

    public long IndexedBlock => Interlocked.Read(ref _indexedBlock);

    public long HeadBlock => Interlocked.Read(ref _headBlock);

    public long EventsTotal => Interlocked.Read(ref _eventsTotal);

    public double EventsPerSecond => Volatile.Read(ref _eventsPerSecond);

    /// <summary>The latest progress sample (every <see cref="IndexerOptions.ProgressInterval"/>): what a progress display shows.</summary>
    public BackfillProgress Progress => _progress;

    /// <summary>Commits so far (ranges and rollbacks): the API's cache of indexed state is valid while this is unchanged.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Raised after each committed range with its last block (benchmarks measure head→queryable lag).</summary>
    public event Action<long>? Committed;

    internal void OnCommitted(long block, int events)
    {
        Interlocked.Exchange(ref _indexedBlock, block);
        Interlocked.Add(ref _eventsTotal, events);
        Interlocked.Increment(ref _commits);
        _indexed.Set(block);
        _events.Inc(events);
        _lag.Set(Math.Max(0, HeadBlock - block));
        Committed?.Invoke(block);
    }

    internal void OnHead(long head)
    {
        Interlocked.Exchange(ref _headBlock, head);
        _head.Set(head);
        _lag.Set(Math.Max(0, head - IndexedBlock));
    }

    internal void OnProgress(BackfillProgress progress)
    {
        _progress = progress;
        Volatile.Write(ref _eventsPerSecond, progress.EventsPerSecond);
        _rate.Set(progress.EventsPerSecond);
    }

    /// <summary>Seconds the writer waited for reads, and spent writing (where a backfill's time goes).</summary>
    public (double ReadWait, double Write) RangeSeconds => (_readWait.Value, _write.Value);

    internal void OnRangeTimes(TimeSpan readWait, TimeSpan write)
    {
        _readWait.Inc(readWait.TotalSeconds);
        _write.Inc(write.TotalSeconds);
    }

    internal void OnReorg() => _reorgs.Inc();

    internal void OnReady() => _ready = true;
}
