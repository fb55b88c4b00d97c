using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Sending;

/// <summary>Polls eth_getTransactionReceipt; time (interval and deadline) comes from the injected <see cref="TimeProvider"/>.</summary>
public sealed class ReceiptWaiter
{
    private readonly IJsonRpcClient _rpc;
    private readonly TimeProvider _time;
    private readonly TimeSpan _pollInterval;

    public ReceiptWaiter(IJsonRpcClient rpc, TimeProvider time, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pollInterval, TimeSpan.Zero);
        _rpc = rpc;
        _time = time;
        _pollInterval = pollInterval;
    }

    /// <summary>
    /// The receipt of whichever of <paramref name="hashes"/> is mined first (they share a nonce, so at most one
    /// is), or null when <paramref name="timeout"/> passes first.
    /// </summary>
    public async Task<TransactionReceipt?> WaitForAnyAsync(IReadOnlyList<Hash32> hashes, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var deadline = _time.GetTimestamp();
        while (true)
        {
            foreach (var hash in hashes)
            {
                if (await _rpc.GetTransactionReceiptAsync(hash, ct).ConfigureAwait(false) is { } receipt)
                    return receipt;
            }
            if (_time.GetElapsedTime(deadline) >= timeout)
                return null;
            await Task.Delay(_pollInterval, _time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The receipt of <paramref name="hash"/>; <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<TransactionReceipt> WaitAsync(Hash32 hash, TimeSpan timeout, CancellationToken ct) =>
        await WaitForAnyAsync([hash], timeout, ct).ConfigureAwait(false)
        ?? throw new TimeoutException($"transaction {hash} not mined within {timeout}");
}
