namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// Bounded "have I delivered this?" set with FIFO eviction. Re-deliveries only happen near the live edge
/// (reconnect overlap), so remembering the most recent keys is enough and memory stays flat.
/// </summary>
internal sealed class RecentKeys<TKey>(int capacity)
    where TKey : notnull
{
    private readonly HashSet<TKey> _set = new(capacity);
    private readonly Queue<TKey> _order = new(capacity);

    public bool Contains(TKey key) => _set.Contains(key);

    /// <summary>Returns false if the key was already present.</summary>
    public bool Add(TKey key)
    {
        if (!_set.Add(key))
            return false;
        _order.Enqueue(key);
        if (_order.Count > capacity)
            _set.Remove(_order.Dequeue());
        return true;
    }
}
