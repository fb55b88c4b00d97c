using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>Typed helpers for anvil's test-node methods (see <see cref="AnvilRequests"/>).</summary>
public static class AnvilRpcExtensions
{
    public static Task MineAsync(this IJsonRpcClient client, CancellationToken ct) => client.SendAsync(AnvilRequests.Mine(), ct);

    public static Task MineAsync(this IJsonRpcClient client, ulong blocks, CancellationToken ct) => client.SendAsync(AnvilRequests.Mine(blocks), ct);

    public static Task<string> SnapshotAsync(this IJsonRpcClient client, CancellationToken ct) => client.SendAsync(AnvilRequests.Snapshot(), ct);

    public static Task<bool> RevertAsync(this IJsonRpcClient client, string snapshotId, CancellationToken ct) =>
        client.SendAsync(AnvilRequests.Revert(snapshotId), ct);

    public static Task SetBalanceAsync(this IJsonRpcClient client, Address address, UInt256 balance, CancellationToken ct) =>
        client.SendAsync(AnvilRequests.SetBalance(address, balance), ct);

    public static Task SetAutomineAsync(this IJsonRpcClient client, bool enabled, CancellationToken ct) =>
        client.SendAsync(AnvilRequests.SetAutomine(enabled), ct);

    public static Task ReorgAsync(this IJsonRpcClient client, ulong depth, CancellationToken ct) => client.SendAsync(AnvilRequests.Reorg(depth), ct);

    public static Task<Hash32> SendTransactionAsync(this IJsonRpcClient client, CallRequest transaction, CancellationToken ct) =>
        client.SendAsync(AnvilRequests.SendTransaction(transaction), ct);

    public static Task<byte[]> SignTransactionAsync(this IJsonRpcClient client, CallRequest transaction, CancellationToken ct) =>
        client.SendAsync(AnvilRequests.SignTransaction(transaction), ct);
}
