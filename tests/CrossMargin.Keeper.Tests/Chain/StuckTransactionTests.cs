using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace CrossMargin.Keeper.Tests.Chain;

/// <summary>
/// Stuck liquidations on a real Anvil, mining by hand: a base-fee spike above the keeper's max fee leaves its
/// transactions in the mempool; the fake clock is advanced past <see cref="KeeperOptions.ReplaceAfter"/> (no waiting).
/// Still valid ⇒ replaced at the same nonce with fees ≥ 10% higher, and the replacement is what mines. No longer valid
/// (the price came back in the spike block) ⇒ replaced by a zero-value self-transfer, counted as Cancelled.
/// </summary>
[Collection(KeeperDevnetCollection.Name)]
public sealed class StuckTransactionTests(KeeperDevnet devnet) : IAsyncLifetime
{
    private const int Stuck = 4;
    private static readonly TimeSpan ReplaceAfter = TimeSpan.FromSeconds(12);
    private static readonly UInt256 Gwei = new(1_000_000_000UL);

    [Fact]
    public async Task StuckBelowBaseFee_StillValid_BumpedReplacementMinesAndCounts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = cts.Token;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var keeper = await StartWithStuckAsync(clock, restorePrice: false, ct);
        var before = keeper.Loop.InFlight.ToDictionary(a => a.Action.AccountId, a => a.Pending);

        clock.Advance(ReplaceAfter);
        await WaitAsync(keeper, () => keeper.Loop.InFlight.Count == Stuck && keeper.Loop.InFlight.All(a => a.Replacements == 1), "bumped", ct);
        var bumped = keeper.Loop.InFlight.ToDictionary(a => a.Action.AccountId, a => a.Pending);
        foreach (var (id, old) in before)
        {
            var now = bumped[id];
            Assert.Equal(old.Nonce, now.Nonce);
            Assert.NotEqual(old.Hash, now.Hash);
            Assert.True(now.Transaction.Data.Span.SequenceEqual(old.Transaction.Data.Span), $"account {id}: payload changed");
            Assert.True((BigInteger)now.Transaction.MaxFeePerGas * 10 >= (BigInteger)old.Transaction.MaxFeePerGas * 11, $"account {id}: max fee bumped < 10%");
            Assert.True((BigInteger)now.Transaction.MaxPriorityFeePerGas * 10 >= (BigInteger)old.Transaction.MaxPriorityFeePerGas * 11, $"account {id}: tip bumped < 10%");
        }

        var block = await MineAndWaitForOutcomesAsync(keeper, bumped, ct);
        foreach (var id in before.Keys)
        {
            var o = Assert.Single(keeper.History, o => o.AccountId == id && o.TransactionHash is { } h && bumped[id].AllHashes.Contains(h));
            Assert.True(o.Kind == OutcomeKind.Liquidated, o.ToString());
            Assert.Equal(bumped[id].Hash, o.TransactionHash);
            Assert.Equal(block, o.Block);
            Assert.Equal(1, o.Replacements);
            Assert.Null(await devnet.Rpc.GetTransactionReceiptAsync(before[id].Hash, ct));
        }
        Assert.Equal(before.Values.Max(p => p.Nonce) + 1, await devnet.Rpc.GetTransactionCountAsync(keeper.Signer, BlockParameter.Latest, ct));
        Assert.Equal(Stuck, await MetricAsync(keeper, "keeper_replacements_total{kind=\"bump\"}"));
    }

    [Fact]
    public async Task StuckBelowBaseFee_NoLongerValid_CancelledBySelfTransferAndCounted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var ct = cts.Token;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var keeper = await StartWithStuckAsync(clock, restorePrice: true, ct);
        var before = keeper.Loop.InFlight.ToDictionary(a => a.Action.AccountId, a => a.Pending);

        clock.Advance(ReplaceAfter);
        await WaitAsync(keeper, () => keeper.Loop.InFlight.Count == Stuck && keeper.Loop.InFlight.All(a => a.Cancelled), "cancelled", ct);
        var cancels = keeper.Loop.InFlight.ToDictionary(a => a.Action.AccountId, a => a.CancelHash!.Value);
        var replaced = keeper.Loop.InFlight.ToDictionary(a => a.Action.AccountId, a => a.Pending);

        await MineAndWaitForOutcomesAsync(keeper, replaced, ct);
        foreach (var id in before.Keys)
        {
            var o = Assert.Single(keeper.History, o => o.AccountId == id && o.TransactionHash is { } h && replaced[id].AllHashes.Contains(h));
            Assert.True(o.Kind == OutcomeKind.Cancelled, o.ToString());
            Assert.Equal(cancels[id], o.TransactionHash);
            var receipt = await devnet.Rpc.GetTransactionReceiptAsync(cancels[id], ct);
            Assert.True(receipt is { Succeeded: true, GasUsed: 21_000 }, $"cancel of account {id} not a mined self-transfer");
            Assert.Null(await devnet.Rpc.GetTransactionReceiptAsync(before[id].Hash, ct));
        }
        Assert.Equal(before.Values.Max(p => p.Nonce) + 1, await devnet.Rpc.GetTransactionCountAsync(keeper.Signer, BlockParameter.Latest, ct));
        Assert.Equal(Stuck, await MetricAsync(keeper, "keeper_replacements_total{kind=\"cancel\"}"));
        Assert.Equal(Stuck, await MetricAsync(keeper, "keeper_outcomes_total{outcome=\"Cancelled\"}"));
        Assert.DoesNotContain(keeper.History, o => o.Kind == OutcomeKind.Liquidated && before.ContainsKey(o.AccountId));
    }

    /// <summary>
    /// Keeper (bounded to <see cref="Stuck"/> in flight) idle on the seeded chain; then, mining by hand: ETH −30% in one
    /// block, the keeper sends <see cref="Stuck"/> liquidations, and the next block's base fee jumps above their max fee,
    /// so that block is mined without them (with the price back at 2,000 if <paramref name="restorePrice"/>).
    /// </summary>
    private async Task<KeeperHost> StartWithStuckAsync(FakeTimeProvider clock, bool restorePrice, CancellationToken ct)
    {
        await devnet.ResetAsync(ct);
        var key = devnet.Key(3);
        // Funded and approved beforehand: the keeper's own approve would wait for its receipt on the fake clock.
        await devnet.Devnet.SendAsync(devnet.Devnet.Usdc, MockERC20Contract.Abi.GetFunction("mint").EncodeCall(key.Address, BigInteger.Pow(10, 16)), ct);
        await devnet.Rpc.SendTransactionAsync(new CallRequest
        {
            From = key.Address, To = devnet.Devnet.Usdc, Gas = 100_000,
            Data = MockERC20Contract.Abi.GetFunction("approve").EncodeCall(devnet.Devnet.Engine, BigInteger.Pow(2, 256) - 1),
        }, ct);
        var keeper = await KeeperHost.StartAsync(new KeeperOptions
        {
            RpcUrl = devnet.HttpUrl, WebSocketUrl = devnet.WsUrl, Engine = devnet.Devnet.Engine, Key = key,
            TimeProvider = clock, ReplaceAfter = ReplaceAfter, MaxAttemptsPerBlock = Stuck, MaxInFlight = Stuck, ApproveQuote = false,
        }, ct);
        await KeeperScenario.IdleAsync(keeper, await devnet.Rpc.BlockNumberAsync(ct), ct);

        await devnet.Rpc.SetAutomineAsync(false, ct);
        await SetPriceAsync(1_400, null, ct);
        await devnet.Rpc.MineAsync(ct);
        await WaitAsync(keeper, () => keeper.Loop.InFlight.Count == Stuck, "sent", ct);
        var maxFee = keeper.Loop.InFlight.Max(a => a.Pending.Transaction.MaxFeePerGas);
        var spike = maxFee * new UInt256(4UL);
        await devnet.Rpc.SendAsync(new RpcRequest<bool>("anvil_setNextBlockBaseFeePerGas", w => w.WriteStringValue(Quantity.Encode(spike)), _ => true), ct);
        if (restorePrice)
            await SetPriceAsync(2_000, spike * new UInt256(2UL), ct);
        await devnet.Rpc.MineAsync(ct);
        var spikeBlock = await devnet.Rpc.BlockNumberAsync(ct);
        await WaitAsync(keeper, () => keeper.Loop.Book.Position.Block >= spikeBlock && keeper.Loop.Head >= spikeBlock, "spike block applied", ct);
        foreach (var a in keeper.Loop.InFlight)
            Assert.Null(await devnet.Rpc.GetTransactionReceiptAsync(a.Pending.Hash, ct));
        Assert.All(keeper.Loop.InFlight, a => Assert.Equal(0, a.Replacements));
        return keeper;
    }

    /// <summary>Mines one block and waits for an outcome of each of these attempts (the keeper may already have sent a
    /// follow-up for the same account, e.g. a collateral liquidation after the position was closed).</summary>
    private async Task<ulong> MineAndWaitForOutcomesAsync(KeeperHost keeper, Dictionary<ulong, Ethereum.Sending.PendingTransaction> attempts, CancellationToken ct)
    {
        await devnet.Rpc.MineAsync(ct);
        var block = await devnet.Rpc.BlockNumberAsync(ct);
        bool Resolved(ulong id) => keeper.History.Any(o => o.AccountId == id && o.TransactionHash is { } h && attempts[id].AllHashes.Contains(h));
        await WaitAsync(keeper, () => attempts.Keys.All(Resolved), "resolved", ct);
        return block;
    }

    /// <summary>Waits (bounded) for a loop state; on timeout says where the keeper and its transactions stand.</summary>
    private async Task WaitAsync(KeeperHost keeper, Func<bool> done, string what, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await keeper.Loop.WaitAsync(done, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            var lines = new List<string>();
            foreach (var a in keeper.Loop.InFlight)
            {
                var mined = await Task.WhenAll(a.Hashes.Select(h => devnet.Rpc.GetTransactionReceiptAsync(h, ct)));
                lines.Add($"account {a.Action.AccountId} nonce {a.Nonce} maxFee {a.Pending.Transaction.MaxFeePerGas} replacements {a.Replacements} receipts {mined.Count(r => r is not null)}/{mined.Length}");
            }
            var latest = await devnet.Rpc.GetBlockByNumberAsync(BlockParameter.Latest, ct);
            throw new TimeoutException($"not {what}: {keeper.Describe()}; latest block {latest?.Number} base fee {latest?.BaseFeePerGas}; {string.Join("; ", lines)}; outcomes {KeeperScenario.Summary(keeper.History)}");
        }
    }

    /// <summary>ETH answer by eth_sendTransaction (pending until mined by hand); an explicit max fee outbids a spike.</summary>
    private Task SetPriceAsync(double usd, UInt256? maxFee, CancellationToken ct) => devnet.Rpc.SendTransactionAsync(new CallRequest
    {
        From = Address.Parse(devnet.Devnet.Deployer), To = devnet.Devnet.EthFeed, Gas = 200_000,
        MaxFeePerGas = maxFee, MaxPriorityFeePerGas = maxFee is null ? null : Gwei,
        Data = MockAggregatorContract.SetPriceFunction.Encode((Int256)new BigInteger(usd * 1e8)),
    }, ct);

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Back to an empty mempool, automine and a normal base fee for the next test on this chain, also after a
    /// failure. evm_revert does not clear the mempool: the keeper's last, unmined sends would otherwise be mined into the
    /// next test's chain.</summary>
    public async Task DisposeAsync()
    {
        await devnet.Rpc.SendAsync(new RpcRequest<bool>("anvil_dropAllTransactions", null, _ => true), CancellationToken.None);
        await devnet.Rpc.SendAsync(new RpcRequest<bool>("anvil_setNextBlockBaseFeePerGas", w => w.WriteStringValue(Quantity.Encode(Gwei)), _ => true), CancellationToken.None);
        await devnet.Rpc.SetAutomineAsync(true, CancellationToken.None);
    }

    private static async Task<double> MetricAsync(KeeperHost keeper, string series)
    {
        using var stream = new MemoryStream();
        await keeper.MetricsRegistry.CollectAndExportAsTextAsync(stream);
        var line = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
