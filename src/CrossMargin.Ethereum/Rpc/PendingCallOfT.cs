using System.Text.Json;

namespace CrossMargin.Ethereum.Rpc;

internal sealed class PendingCall<T>(RpcRequest<T> request) : PendingCall
{
    // Continuations must not run inline on the HTTP/WebSocket receive path.
    private readonly TaskCompletionSource<T> _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _tcs.Task;

    public override string Method => request.Method;

    public override bool IsIdempotent => request.IsIdempotent;

    public override bool IsCompleted => _tcs.Task.IsCompleted;

    public override Task Completion => _tcs.Task;

    public override void WriteParams(Utf8JsonWriter writer) => request.WriteParams(writer);

    public override void SetResult(JsonElement result)
    {
        T value;
        try
        {
            value = request.Parse(result);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
        {
            // A malformed result is the node's fault, not the caller's: surface it as protocol failure.
            _tcs.TrySetException(new JsonRpcTransportException($"{Method}: unexpected result shape: {ex.Message}", requestMayHaveBeenProcessed: true, inner: ex));
            return;
        }
        _tcs.TrySetResult(value);
    }

    public override void SetError(Exception error) => _tcs.TrySetException(error);
}
