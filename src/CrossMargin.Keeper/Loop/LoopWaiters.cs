namespace CrossMargin.Keeper.Loop;

/// <summary>
/// Conditions on the loop's state that tests, benchmarks and the demo wait for: each is evaluated on the loop thread after
/// every iteration, and its task completes the first time it holds (or is cancelled).
/// </summary>
internal sealed class LoopWaiters
{
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> _waiters = [];

    public Task Add(Func<bool> done, CancellationToken ct)
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ct.Register(() => tcs.TrySetCanceled(ct));
        lock (_waiters)
            _waiters.Add((done, tcs));
        return tcs.Task;
    }

    /// <summary>Completes and drops every waiter whose condition holds or that was cancelled.</summary>
    public void Signal()
    {
        lock (_waiters)
        {
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Signal.Task.IsCompleted || _waiters[i].Done())
                {
                    _waiters[i].Signal.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }
    }
}
