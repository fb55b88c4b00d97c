using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Ethereum.Transactions;

namespace CrossMargin.Contracts.Tests;

/// <summary>Nonce management and same-nonce replacement against anvil.</summary>
[Collection(DevnetCollection.Name)]
public sealed class SendingAnvilTests(DevnetFixture fixture)
{
    private static readonly Address Sink = PrivateKey.Generate().Address;

    [Fact]
    public async Task SubmitAsync_FiftyConcurrentSends_AllMinedWithContiguousNonces()
    {
        var ct = OneMarketDevnet.Ct();
        var sender = await OneMarketDevnet.FundedSenderAsync(fixture.Rpc, ct);

        var pending = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => sender.SubmitAsync(Transfer(), ct)));
        var receipts = await Task.WhenAll(pending.Select(p => sender.WaitAsync(p, ct)));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (ulong)i), pending.Select(p => p.Nonce).Order());
        Assert.All(receipts, r => Assert.True(r.Succeeded));
        Assert.Equal(50UL, await fixture.Rpc.GetTransactionCountAsync(sender.Address, BlockParameter.Latest, ct));
        Assert.Equal(0, sender.Nonces.ResyncCount);
    }

    [Fact]
    public async Task SubmitAsync_AfterExternalTxFromSameKey_ResyncsAndUsesNextNonce()
    {
        var ct = OneMarketDevnet.Ct();
        var key = PrivateKey.Generate();
        await fixture.Rpc.SetBalanceAsync(key.Address, OneMarketDevnet.Wads(10), ct);
        var sender = await TransactionSender.CreateAsync(fixture.Rpc, key, OneMarketDevnet.SenderOptions, ct);
        await sender.SendAsync(Transfer(), ct);

        // Another process spends nonce 1 with the same key, behind the manager's back.
        var external = new Eip1559Transaction
        {
            ChainId = sender.ChainId, Nonce = 1, To = Sink, Value = 1, GasLimit = 21_000,
            MaxFeePerGas = 100_000_000_000UL, MaxPriorityFeePerGas = 1_000_000_000UL,
        };
        var externalHash = await fixture.Rpc.SendRawTransactionAsync(external.Sign(key).Encode(), allowAmbiguousRetry: false, ct);
        await sender.Receipts.WaitAsync(externalHash, TimeSpan.FromSeconds(30), ct);

        var pending = await sender.SubmitAsync(Transfer(), ct);
        var receipt = await sender.WaitAsync(pending, ct);

        Assert.Equal(2UL, pending.Nonce);
        Assert.True(receipt.Succeeded);
        Assert.Equal(1, sender.Nonces.ResyncCount);
    }

    [Fact]
    public async Task ReplaceAsync_StuckLowFeeTransaction_ReplacementMinedOriginalNot()
    {
        var ct = OneMarketDevnet.Ct();
        var sender = await OneMarketDevnet.FundedSenderAsync(fixture.Rpc, ct);
        await fixture.Rpc.SetAutomineAsync(false, ct);
        try
        {
            var low = new FeeEstimate(MaxFeePerGas: 2_000_000_000UL, MaxPriorityFeePerGas: 1UL);
            var stuck = await sender.SubmitAsync(Transfer() with { Fees = low }, ct);
            var replacement = await sender.ReplaceAsync(stuck, ct);

            Assert.Equal(stuck.Nonce, replacement.Nonce);
            Assert.True(replacement.Fees.MaxFeePerGas * 100UL >= stuck.Fees.MaxFeePerGas * 110UL);
            Assert.True(replacement.Fees.MaxPriorityFeePerGas * 100UL >= stuck.Fees.MaxPriorityFeePerGas * 110UL);
            Assert.Equal([stuck.Hash, replacement.Hash], replacement.AllHashes);

            await fixture.Rpc.MineAsync(ct);
            var receipt = await sender.WaitAsync(replacement, ct);

            Assert.Equal(replacement.Hash, receipt.TransactionHash);
            Assert.True(receipt.Succeeded);
            Assert.Null(await fixture.Rpc.GetTransactionReceiptAsync(stuck.Hash, ct));
        }
        finally
        {
            await fixture.Rpc.SetAutomineAsync(true, CancellationToken.None);
        }
    }

    [Fact]
    public async Task SendRawTransaction_SameNonceWithoutFeeBump_NodeRejectsAsUnderpriced()
    {
        var ct = OneMarketDevnet.Ct();
        var key = PrivateKey.Generate();
        await fixture.Rpc.SetBalanceAsync(key.Address, OneMarketDevnet.Wads(10), ct);
        var sender = await TransactionSender.CreateAsync(fixture.Rpc, key, OneMarketDevnet.SenderOptions, ct);
        await fixture.Rpc.SetAutomineAsync(false, ct);
        try
        {
            var fees = new FeeEstimate(2_000_000_000UL, 1_000_000UL);
            var stuck = await sender.SubmitAsync(Transfer() with { Fees = fees }, ct);
            var same = stuck.Transaction with { Value = 2 };

            var e = await Assert.ThrowsAsync<JsonRpcException>(() => fixture.Rpc.SendRawTransactionAsync(same.Sign(key).Encode(), false, ct));
            Assert.Contains("underpriced", e.RpcMessage, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await fixture.Rpc.MineAsync(CancellationToken.None);
            await fixture.Rpc.SetAutomineAsync(true, CancellationToken.None);
        }
    }

    private static TransactionRequest Transfer() => new() { To = Sink, Value = 1, GasLimit = 21_000 };
}
