using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Tests.Rpc;

/// <summary>Deploy/transact helpers for tests, using anvil's unlocked dev accounts (automine on).</summary>
internal static class TestChain
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static CancellationToken Ct() => new CancellationTokenSource(Timeout).Token;

    public static async Task<Address> DeployAsync(IJsonRpcClient client, Address from, byte[] runtime, CancellationToken ct)
    {
        var receipt = await TransactAsync(client, new CallRequest { From = from, Data = EvmPrograms.Deployable(runtime), Gas = 200_000 }, ct);
        return receipt.ContractAddress ?? throw new InvalidOperationException("no contract address");
    }

    /// <summary>Sends from an unlocked account; with automine the receipt exists as soon as the call returns.</summary>
    public static async Task<TransactionReceipt> TransactAsync(IJsonRpcClient client, CallRequest tx, CancellationToken ct)
    {
        var hash = await client.SendTransactionAsync(tx, ct);
        return await WaitForReceiptAsync(client, hash, ct);
    }

    /// <summary>
    /// Anvil's automine mines right after eth_sendTransaction returns, not before, so the receipt can be
    /// missing for a moment: poll for the condition (bounded by <paramref name="ct"/>).
    /// </summary>
    public static async Task<TransactionReceipt> WaitForReceiptAsync(IJsonRpcClient client, Hash32 hash, CancellationToken ct)
    {
        while (true)
        {
            if (await client.GetTransactionReceiptAsync(hash, ct) is { } receipt)
                return receipt;
            await Task.Delay(TimeSpan.FromMilliseconds(5), ct);
        }
    }

    public static JsonRpcClient Http(Uri url, JsonRpcClientOptions? options = null) => new(SharedHttp, url, options);

    private static readonly HttpClient SharedHttp = new();
}
