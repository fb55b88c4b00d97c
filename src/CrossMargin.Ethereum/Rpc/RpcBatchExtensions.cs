namespace CrossMargin.Ethereum.Rpc;

public static class RpcBatchExtensions
{
    /// <summary>
    /// Sends same-typed calls as one batch and returns results in request order (the node may answer in
    /// any order; matching is by id). Throws the first item's error if any item failed.
    /// </summary>
    public static async Task<T[]> SendBatchAsync<T>(this IJsonRpcClient client, IEnumerable<RpcRequest<T>> requests, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(requests);
        var batch = new RpcBatch();
        var tasks = requests.Select(batch.Add).ToList();
        if (tasks.Count == 0)
            return [];
        await client.SendBatchAsync(batch, ct).ConfigureAwait(false);
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
