using System.Numerics;
using CrossMargin.Cli.Demo;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;

namespace CrossMargin.Cli.Tests.Demo;

/// <summary>The demo's sender on a real Anvil: blocks of many transactions during set-up, nonce recovery on a chain
/// another run used, refusals reported per transaction without leaving a nonce gap (issue 17).</summary>
public sealed class TxPipelineTests
{
    private static readonly Address Sink = Address.Parse("0x000000000000000000000000000000000000dEaD");

    [Fact]
    public async Task InBlocksAsync_ManyWallets_MinesManyToABlockInNonceOrderAndRestoresAutomine()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var node = await AnvilNode.StartThrowawayAsync(cts.Token);
        var wallets = await FundedWalletsAsync(node, 60, cts.Token);
        var pipeline = new TxPipeline(node.Rpc, await node.Rpc.ChainIdAsync(cts.Token));
        var progress = new List<SendProgress>();
        pipeline.Progress = progress.Add;
        var requests = wallets.SelectMany(w => Enumerable.Range(0, 3).Select(i => Transfer(w, $"transfer {i}"))).ToList();
        var before = await node.Rpc.BlockNumberAsync(cts.Token);

        var receipts = await pipeline.InBlocksAsync(() => pipeline.SendAllAsync(requests, cts.Token), cts.Token);

        Assert.All(receipts, r => Assert.True(r is { Succeeded: true }, "every transfer is mined and succeeds"));
        Assert.Empty(pipeline.Failures);
        // 180 transfers, at most 8 per wallet per block: one block (plus the one InBlocksAsync mines when it ends).
        Assert.Single(receipts.Select(r => r!.BlockNumber).Distinct());
        Assert.Equal(before + 2, await node.Rpc.BlockNumberAsync(cts.Token));
        var nonces = await node.Rpc.SendBatchAsync(wallets.Select(w => EthRequests.GetTransactionCount(w.Address, BlockParameter.Latest)), cts.Token);
        Assert.All(nonces, n => Assert.Equal(3UL, n));
        Assert.True(progress[^1].Done, "the last progress report is the finished send");
        Assert.Equal(180, progress[^1].Mined);
        Assert.True(await node.Rpc.SendAsync(new RpcRequest<bool>("anvil_getAutomine", null, e => e.GetBoolean()), cts.Token), "automine is back on");
    }

    [Fact]
    public async Task SendAllAsync_StaleNonceAndRefusedTransaction_RecoversAndReportsWithoutGap()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var node = await AnvilNode.StartThrowawayAsync(cts.Token);
        var wallet = (await FundedWalletsAsync(node, 1, cts.Token))[0];
        var pipeline = new TxPipeline(node.Rpc, await node.Rpc.ChainIdAsync(cts.Token));
        await pipeline.SendAllAsync([Transfer(wallet, "earlier run 1"), Transfer(wallet, "earlier run 2")], cts.Token);
        wallet.Nonce = 0; // what a run that assumed fresh keys would believe on a chain an earlier run used

        var receipts = await pipeline.SendAllAsync(
        [
            Transfer(wallet, "first"),
            Transfer(wallet, "refused") with { Gas = 1_000 }, // below the intrinsic 21,000: the node refuses it
            Transfer(wallet, "after the refusal"),
        ], cts.Token);

        Assert.True(receipts[0] is { Succeeded: true }, "the stale nonce was re-read and the transaction resent");
        Assert.Null(receipts[1]);
        Assert.True(receipts[2] is { Succeeded: true }, "the refused transaction used no nonce, so the next one is not stuck behind a gap");
        var failure = Assert.Single(pipeline.Failures);
        Assert.Equal("refused", failure.Request.Label);
        Assert.Equal(3UL, failure.Nonce);
        Assert.Contains("gas", failure.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4UL, await node.Rpc.GetTransactionCountAsync(wallet.Address, BlockParameter.Latest, cts.Token));
    }

    private static async Task<List<DemoWallet>> FundedWalletsAsync(AnvilNode node, int count, CancellationToken ct)
    {
        var wallets = Enumerable.Range(0, count).Select(i => new DemoWallet(DemoWallet.DeriveKey(99, "pipeline-test", i), MarginMode.Cross)).ToList();
        await node.Rpc.SendBatchAsync(wallets.Select(w => AnvilRequests.SetBalance(w.Address, (UInt256)BigInteger.Pow(10, 20))), ct);
        return wallets;
    }

    private static TxRequest Transfer(DemoWallet from, string label) => new(from, Sink, [], 21_000, label);
}
