namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// Collects heterogeneous calls for one round trip: <c>var n = batch.Add(EthRequests.BlockNumber());
/// await client.SendBatchAsync(batch, ct); var block = await n;</c>
/// </summary>
public sealed class RpcBatch
{
    private readonly List<PendingCall> _calls = [];

    public int Count => _calls.Count;

    internal IReadOnlyList<PendingCall> Calls => _calls;

    /// <summary>Queues a call; the returned task completes when the batch has been sent and answered.</summary>
    public Task<T> Add<T>(RpcRequest<T> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new PendingCall<T>(request);
        _calls.Add(call);
        return call.Task;
    }
}
