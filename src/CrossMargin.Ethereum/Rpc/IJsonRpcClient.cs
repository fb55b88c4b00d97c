namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// What the typed helpers (<see cref="EthRpcExtensions"/>, <see cref="AnvilRpcExtensions"/>) need, so they
/// work over HTTP (<see cref="JsonRpcClient"/>) and WebSocket (<see cref="EthWebSocketClient"/>) alike.
/// </summary>
public interface IJsonRpcClient
{
    /// <summary>Sends one call. Throws <see cref="JsonRpcException"/> or <see cref="JsonRpcTransportException"/>.</summary>
    Task<T> SendAsync<T>(RpcRequest<T> request, CancellationToken cancellationToken);

    /// <summary>
    /// Sends every call added to <paramref name="batch"/> in one JSON-RPC batch. Each item's task completes
    /// on its own (an error in one item does not fail the others); this task completes when all have.
    /// It throws only when the exchange itself failed (<see cref="JsonRpcTransportException"/>), in which
    /// case every unanswered item carries that same exception.
    /// </summary>
    Task SendBatchAsync(RpcBatch batch, CancellationToken cancellationToken);
}
