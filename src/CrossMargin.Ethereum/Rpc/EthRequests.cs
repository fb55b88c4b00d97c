using System.Text.Json;
using CrossMargin.Ethereum.Primitives;
using P = CrossMargin.Ethereum.Rpc.RpcModelParser;

namespace CrossMargin.Ethereum.Rpc;

/// <summary>
/// Request factories for the standard eth_* methods. Use them with <see cref="RpcBatch.Add{T}"/>, or call
/// the matching <see cref="EthRpcExtensions"/> method for a single round trip.
/// </summary>
public static class EthRequests
{
    public static RpcRequest<ulong> ChainId() => new("eth_chainId", null, P.UInt64);

    public static RpcRequest<ulong> BlockNumber() => new("eth_blockNumber", null, P.UInt64);

    /// <summary>Header only (transactions not expanded). Null when the block does not exist yet.</summary>
    public static RpcRequest<BlockHeader?> GetBlockByNumber(BlockParameter block) => new(
        "eth_getBlockByNumber",
        w =>
        {
            w.WriteStringValue(block.ToString());
            w.WriteBooleanValue(false);
        },
        P.OptionalHeader);

    public static RpcRequest<IReadOnlyList<LogEntry>> GetLogs(LogFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return new("eth_getLogs", w => RpcParamWriter.Filter(w, filter, includeRange: true), P.Logs);
    }

    public static RpcRequest<byte[]> Call(CallRequest call, BlockParameter block)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new("eth_call", w =>
        {
            RpcParamWriter.Call(w, call);
            w.WriteStringValue(block.ToString());
        }, P.Bytes);
    }

    /// <summary>Block defaults to the node's choice (latest/pending); some nodes reject an explicit tag.</summary>
    public static RpcRequest<ulong> EstimateGas(CallRequest call, BlockParameter? block = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return new("eth_estimateGas", w =>
        {
            RpcParamWriter.Call(w, call);
            if (block is { } b)
                w.WriteStringValue(b.ToString());
        }, P.UInt64);
    }

    public static RpcRequest<ulong> GetTransactionCount(Address address, BlockParameter block) =>
        new("eth_getTransactionCount", w => AddressAndBlock(w, address, block), P.UInt64);

    public static RpcRequest<UInt256> GetBalance(Address address, BlockParameter block) =>
        new("eth_getBalance", w => AddressAndBlock(w, address, block), P.UInt256);

    /// <summary>
    /// Submits a signed transaction; the result is its hash. Not idempotent by default: see
    /// <see cref="EthRpcExtensions.SendRawTransactionAsync"/> for when resending is safe.
    /// </summary>
    public static RpcRequest<Hash32> SendRawTransaction(byte[] signedTransaction, bool allowAmbiguousRetry = false)
    {
        ArgumentNullException.ThrowIfNull(signedTransaction);
        var hex = Quantity.EncodeData(signedTransaction);
        return new("eth_sendRawTransaction", w => w.WriteStringValue(hex), P.Hash, isIdempotent: allowAmbiguousRetry);
    }

    /// <summary>Null while the transaction is pending or unknown.</summary>
    public static RpcRequest<TransactionReceipt?> GetTransactionReceipt(Hash32 transactionHash) =>
        new("eth_getTransactionReceipt", w => RpcParamWriter.Hash(w, transactionHash), P.OptionalReceipt);

    /// <summary>True when the node knows the transaction (pool or chain); used to resolve ambiguous sends.</summary>
    public static RpcRequest<bool> TransactionExists(Hash32 transactionHash) =>
        new("eth_getTransactionByHash", w => RpcParamWriter.Hash(w, transactionHash), e => e.ValueKind != JsonValueKind.Null);

    public static RpcRequest<FeeHistory> FeeHistory(ulong blockCount, BlockParameter newestBlock, IReadOnlyList<double>? rewardPercentiles = null) => new(
        "eth_feeHistory",
        w =>
        {
            RpcParamWriter.Quantity64(w, blockCount);
            w.WriteStringValue(newestBlock.ToString());
            w.WriteStartArray();
            foreach (var p in rewardPercentiles ?? [])
                w.WriteNumberValue(p);
            w.WriteEndArray();
        },
        P.FeeHistory);

    public static RpcRequest<UInt256> MaxPriorityFeePerGas() => new("eth_maxPriorityFeePerGas", null, P.UInt256);

    public static RpcRequest<UInt256> GasPrice() => new("eth_gasPrice", null, P.UInt256);

    /// <summary>The transaction hash of a signed transaction: keccak256 of its raw (typed-envelope) bytes.</summary>
    public static Hash32 TransactionHashOf(byte[] signedTransaction) => Hash32.Keccak(signedTransaction);

    private static void AddressAndBlock(Utf8JsonWriter w, Address address, BlockParameter block)
    {
        RpcParamWriter.Address(w, address);
        w.WriteStringValue(block.ToString());
    }
}
