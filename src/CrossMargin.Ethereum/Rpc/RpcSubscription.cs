using System.Threading.Channels;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// A live subscription that survives reconnects: items arrive in chain order, gaps are backfilled, and
/// re-deliveries are suppressed. Dispose to unsubscribe.
/// </summary>
public sealed class RpcSubscription<T> : IAsyncDisposable
{
    private readonly ChannelReader<T> _reader;
    private readonly Func<ValueTask> _unsubscribe;
    private int _disposed;

    internal RpcSubscription(ChannelReader<T> reader, Func<ValueTask> unsubscribe)
    {
        _reader = reader;
        _unsubscribe = unsubscribe;
    }

    /// <summary>Direct channel access (e.g. TryRead / WaitToReadAsync for timeouts).</summary>
    public ChannelReader<T> Reader => _reader;

    public IAsyncEnumerable<T> ReadAllAsync(CancellationToken ct) => _reader.ReadAllAsync(ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
            await _unsubscribe().ConfigureAwait(false);
    }
}
