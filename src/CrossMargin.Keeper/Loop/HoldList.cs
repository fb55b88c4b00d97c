namespace CrossMargin.Keeper.Loop;

/// <summary>
/// Accounts the loop must not plan for now: those whose attempt resolved in a block the book has not applied yet (planning
/// on stale state would repeat the action), and those with no accepted action or a refused eth_call, looked at again on
/// the next head. Entries leave as soon as their condition passes, so the list is bounded by the accounts acted on
/// recently. Loop thread only.
/// </summary>
internal sealed class HoldList
{
    private readonly Dictionary<ulong, ulong> _untilApplied = [];
    private readonly Dictionary<ulong, ulong> _untilHead = [];

    public int Count => _untilApplied.Count + _untilHead.Count;

    /// <summary>Hold until the book has applied <paramref name="block"/> (the block an attempt resolved in).</summary>
    public void UntilApplied(ulong accountId, ulong block) => _untilApplied[accountId] = block;

    /// <summary>Hold until the chain head reaches <paramref name="head"/>.</summary>
    public void UntilHead(ulong accountId, ulong head) => _untilHead[accountId] = head;

    public bool Holds(ulong accountId, ulong bookBlock, ulong head) =>
        (_untilApplied.TryGetValue(accountId, out var applied) && bookBlock < applied)
        || (_untilHead.TryGetValue(accountId, out var until) && head < until);

    /// <summary>Some resolved attempt's block is not in the book yet (pending work for idleness).</summary>
    public bool AwaitsBook(ulong bookBlock) => _untilApplied.Values.Any(b => bookBlock < b);

    /// <summary>Drops the holds whose condition has passed.</summary>
    public void Release(ulong bookBlock, ulong head)
    {
        foreach (var id in _untilHead.Where(kv => head >= kv.Value).Select(kv => kv.Key).ToList())
            _untilHead.Remove(id);
        foreach (var id in _untilApplied.Where(kv => bookBlock >= kv.Value).Select(kv => kv.Key).ToList())
            _untilApplied.Remove(id);
    }
}
