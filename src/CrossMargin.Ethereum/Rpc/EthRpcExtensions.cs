using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>Typed single-call helpers over any <see cref="IJsonRpcClient"/>.</summary>
public static class EthRpcExtensions
{
    public static Task<ulong> ChainIdAsync(this IJsonRpcClient client, CancellationToken ct) =>
        client.SendAsync(EthRequests.ChainId(), ct);

    public static Task<ulong> BlockNumberAsync(this IJsonRpcClient client, CancellationToken ct) =>
        client.SendAsync(EthRequests.BlockNumber(), ct);

    public static Task<BlockHeader?> GetBlockByNumberAsync(this IJsonRpcClient client, BlockParameter block, CancellationToken ct) =>
        client.SendAsync(EthRequests.GetBlockByNumber(block), ct);

    public static Task<IReadOnlyList<LogEntry>> GetLogsAsync(this IJsonRpcClient client, LogFilter filter, CancellationToken ct) =>
        client.SendAsync(EthRequests.GetLogs(filter), ct);

    /// <summary>Throws <see cref="JsonRpcRevertException"/> (with revert data) when the call reverts.</summary>
    public static Task<byte[]> CallAsync(this IJsonRpcClient client, CallRequest call, BlockParameter block, CancellationToken ct) =>
        client.SendAsync(EthRequests.Call(call, block), ct);

    public static Task<ulong> EstimateGasAsync(this IJsonRpcClient client, CallRequest call, CancellationToken ct) =>
        client.SendAsync(EthRequests.EstimateGas(call), ct);

    public static Task<ulong> GetTransactionCountAsync(this IJsonRpcClient client, Address address, BlockParameter block, CancellationToken ct) =>
        client.SendAsync(EthRequests.GetTransactionCount(address, block), ct);

    public static Task<UInt256> GetBalanceAsync(this IJsonRpcClient client, Address address, BlockParameter block, CancellationToken ct) =>
        client.SendAsync(EthRequests.GetBalance(address, block), ct);

    public static Task<TransactionReceipt?> GetTransactionReceiptAsync(this IJsonRpcClient client, Hash32 transactionHash, CancellationToken ct) =>
        client.SendAsync(EthRequests.GetTransactionReceipt(transactionHash), ct);

    public static Task<FeeHistory> FeeHistoryAsync(this IJsonRpcClient client, ulong blockCount, BlockParameter newestBlock, IReadOnlyList<double>? rewardPercentiles, CancellationToken ct) =>
        client.SendAsync(EthRequests.FeeHistory(blockCount, newestBlock, rewardPercentiles), ct);

    public static Task<UInt256> MaxPriorityFeePerGasAsync(this IJsonRpcClient client, CancellationToken ct) =>
        client.SendAsync(EthRequests.MaxPriorityFeePerGas(), ct);

    public static Task<UInt256> GasPriceAsync(this IJsonRpcClient client, CancellationToken ct) =>
        client.SendAsync(EthRequests.GasPrice(), ct);

    /// <summary>
    /// Submits a signed transaction and returns its hash.
    /// <para>
    /// By default an ambiguous failure (timeout, reset after sending) is NOT retried and surfaces as
    /// <see cref="JsonRpcTransportException"/> with <c>RequestMayHaveBeenProcessed</c>: the caller (the
    /// keeper's nonce manager) decides. With <paramref name="allowAmbiguousRetry"/> the same signed bytes
    /// are resent. That is idempotent on Ethereum: identical bytes have an identical hash and nonce, so
    /// a node that already has it answers "already known" (geth) / "transaction already imported" (anvil),
    /// and once mined "nonce too low". Those answers are then mapped back to success when the node
    /// confirms it knows our hash; a genuinely different transaction with the same nonce still fails.
    /// </para>
    /// </summary>
    public static async Task<Hash32> SendRawTransactionAsync(this IJsonRpcClient client, byte[] signedTransaction, bool allowAmbiguousRetry, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        try
        {
            return await client.SendAsync(EthRequests.SendRawTransaction(signedTransaction, allowAmbiguousRetry), ct).ConfigureAwait(false);
        }
        catch (JsonRpcException ex) when (allowAmbiguousRetry && IsAlreadySubmitted(ex))
        {
            var hash = EthRequests.TransactionHashOf(signedTransaction);
            if (await client.SendAsync(EthRequests.TransactionExists(hash), ct).ConfigureAwait(false))
                return hash;
            throw;
        }
    }

    private static bool IsAlreadySubmitted(JsonRpcException ex) =>
        ex.RpcMessage.Contains("already known", StringComparison.OrdinalIgnoreCase)
        || ex.RpcMessage.Contains("already imported", StringComparison.OrdinalIgnoreCase)
        || ex.RpcMessage.Contains("known transaction", StringComparison.OrdinalIgnoreCase)
        || ex.RpcMessage.Contains("nonce too low", StringComparison.OrdinalIgnoreCase);
}
