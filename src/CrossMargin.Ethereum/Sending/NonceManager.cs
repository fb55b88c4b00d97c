using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Sending;

/// <summary>
/// Hands out nonces for one account. Single writer: a nonce is assigned, signed and submitted under one
/// lock, and counted as used only once the node accepted it, so concurrent sends stay contiguous and a
/// rejected send leaves no gap. The first use, and any use after a nonce error ("nonce too low/high",
/// "already known") or an ambiguous transport failure, re-reads eth_getTransactionCount(pending).
/// </summary>
public sealed class NonceManager
{
    private const int MaxResyncsPerSend = 3;
    private readonly IJsonRpcClient _rpc;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ulong? _next;
    private volatile bool _stale;

    public NonceManager(IJsonRpcClient rpc, Address account)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        _rpc = rpc;
        Account = account;
    }

    public Address Account { get; }

    /// <summary>How many times the nonce was re-read from the node after the first read.</summary>
    public int ResyncCount { get; private set; }

    /// <summary>Forces a re-read before the next send (e.g. another process used the key).</summary>
    public void Invalidate() => _stale = true;

    /// <summary>
    /// Runs <paramref name="submit"/> with the next nonce; on a nonce error it resyncs and retries with the
    /// node's pending count. <paramref name="submit"/> must sign with the nonce it is given.
    /// </summary>
    public async Task<T> SubmitAsync<T>(Func<ulong, CancellationToken, Task<T>> submit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(submit);
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                var nonce = await NextAsync(ct).ConfigureAwait(false);
                try
                {
                    var result = await submit(nonce, ct).ConfigureAwait(false);
                    _next = nonce + 1;
                    return result;
                }
                catch (JsonRpcException e) when (IsNonceError(e) && attempt < MaxResyncsPerSend)
                {
                    _stale = true;
                }
                catch (JsonRpcTransportException e) when (e.RequestMayHaveBeenProcessed)
                {
                    // The node may or may not hold this nonce now: only the node can tell.
                    _stale = true;
                    throw;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>True for node answers that mean our idea of the account's nonce is wrong.</summary>
    public static bool IsNonceError(JsonRpcException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var m = error.RpcMessage;
        return m.Contains("nonce too low", StringComparison.OrdinalIgnoreCase)
            || m.Contains("nonce too high", StringComparison.OrdinalIgnoreCase)
            || m.Contains("invalid nonce", StringComparison.OrdinalIgnoreCase)
            || m.Contains("already known", StringComparison.OrdinalIgnoreCase)
            || m.Contains("already imported", StringComparison.OrdinalIgnoreCase)
            || m.Contains("known transaction", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<ulong> NextAsync(CancellationToken ct)
    {
        if (_next is { } next && !_stale)
            return next;
        if (_next is not null)
            ResyncCount++;
        _stale = false;
        _next = await _rpc.GetTransactionCountAsync(Account, BlockParameter.Pending, ct).ConfigureAwait(false);
        return _next.Value;
    }
}
