using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Transactions;

namespace CrossMargin.Cli.Demo;

/// <summary>
/// Signs the demo's transactions locally with known nonces and fixed gas, and submits them in JSON-RPC batches:
/// thousands of set-up transactions go out without an estimate or nonce round trip each (Anvil automines them).
/// A refused call still consumes its nonce (it reverts on chain), so a wallet's later transactions stay valid.
/// </summary>
internal sealed class RawSender(IJsonRpcClient rpc, ulong chainId)
{
    private const int BatchSize = 200;
    private static readonly UInt256 MaxFee = new(50_000_000_000UL);
    private static readonly UInt256 Tip = new(1_000_000_000UL);

    public byte[] Sign(DemoWallet wallet, Address to, byte[] data, ulong gas)
    {
        var tx = new Eip1559Transaction
        {
            ChainId = chainId,
            Nonce = wallet.Nonce++,
            GasLimit = gas,
            To = to,
            Data = data,
            MaxFeePerGas = MaxFee,
            MaxPriorityFeePerGas = Tip,
        };
        return tx.Sign(wallet.Key).Encode();
    }

    /// <summary>Submits in order and waits for every receipt.</summary>
    public async Task<IReadOnlyList<TransactionReceipt>> SendAllAsync(IReadOnlyList<byte[]> signed, CancellationToken ct)
    {
        var hashes = new List<Hash32>(signed.Count);
        foreach (var chunk in signed.Chunk(BatchSize))
            hashes.AddRange(await rpc.SendBatchAsync(chunk.Select(raw => EthRequests.SendRawTransaction(raw)), ct).ConfigureAwait(false));
        return await ReceiptsAsync(hashes, ct).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<TransactionReceipt>> ReceiptsAsync(IReadOnlyList<Hash32> hashes, CancellationToken ct)
    {
        var receipts = new TransactionReceipt?[hashes.Count];
        while (true)
        {
            var missing = Enumerable.Range(0, hashes.Count).Where(i => receipts[i] is null).ToList();
            if (missing.Count == 0)
                return receipts!;
            foreach (var chunk in missing.Chunk(BatchSize))
            {
                var got = await rpc.SendBatchAsync(chunk.Select(i => EthRequests.GetTransactionReceipt(hashes[i])), ct).ConfigureAwait(false);
                for (var k = 0; k < chunk.Length; k++)
                    receipts[chunk[k]] = got[k];
            }
            if (receipts.Any(r => r is null))
                await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false); // poll interval while Anvil mines the rest
        }
    }
}
