namespace CrossMargin.Keeper.Loop;

/// <summary>
/// The last <c>capacity</c> items added and a count of all of them: what a long-running keeper keeps of a stream
/// (outcomes, sent transactions) without one entry per event forever. Thread-safe: the loop adds, readers copy.
/// </summary>
internal sealed class RecentWindow<T>(int capacity)
{
    private readonly Queue<T> _items = new();
    private long _total;

    /// <summary>Items added since start, including those that have left the window.</summary>
    public long Total => Interlocked.Read(ref _total);

    /// <summary>The most recent items, oldest first (a copy).</summary>
    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
                return [.. _items];
        }
    }

    public void Add(T item)
    {
        lock (_items)
        {
            _items.Enqueue(item);
            if (_items.Count > capacity)
                _items.Dequeue();
        }
        Interlocked.Increment(ref _total);
    }
}
