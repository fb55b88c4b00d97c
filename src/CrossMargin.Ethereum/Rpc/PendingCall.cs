using System.Text.Json;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>Type-erased in-flight call so batches and the WebSocket router can mix result types.</summary>
internal abstract class PendingCall
{
    public abstract string Method { get; }

    public abstract bool IsIdempotent { get; }

    public abstract bool IsCompleted { get; }

    /// <summary>The typed task, as a plain Task (for awaiting a whole batch).</summary>
    public abstract Task Completion { get; }

    public abstract void WriteParams(Utf8JsonWriter writer);

    public abstract void SetResult(JsonElement result);

    public abstract void SetError(Exception error);
}
