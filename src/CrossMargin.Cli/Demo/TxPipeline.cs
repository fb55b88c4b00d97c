using System.Diagnostics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Transactions;

namespace CrossMargin.Cli.Demo;

/// <summary>
/// Sends the demo's transactions at the pace the node mines them. Why: Anvil handles the items of one JSON-RPC batch
/// concurrently, so a wallet's nonces n, n+1… sent in one batch reach the pool out of order, and Anvil's automine then
/// leaves some of them pending for good (foundry-rs/foundry#10122): the old all-at-once sender stalled with ~1,000
/// ready transactions and an unmoving head, polling receipts ~150 batches/s, until a request timed out. Here:
/// <list type="bullet">
/// <item>at most one transaction per wallet in each JSON-RPC batch, so a wallet's transactions reach the pool in nonce order;</item>
/// <item>in <see cref="InBlocksAsync"/> (the set-up) automine is off and each cycle fills one block — up to
/// <see cref="PerWalletPerBlock"/> per wallet (one batch round each) and <see cref="BlockGasBudget"/> of gas limits —
/// then mines it with evm_mine; otherwise (automine) at most <see cref="MaxInFlight"/> are pending, refilled as receipts arrive;</item>
/// <item>signing at send time with the wallet's nonce then: a refused transaction uses no nonce; "nonce too low/high"
/// (a chain another run used) re-reads the wallet's pending nonce and retries; a timed-out batch asks the node which
/// of its transactions it knows; any other refusal is kept per transaction (<see cref="Failures"/>).</item>
/// </list>
/// </summary>
internal sealed class TxPipeline(IJsonRpcClient rpc, ulong chainId)
{
    /// <summary>Gas limits per mined block: Anvil runs with --gas-limit 300M; the rest is room for the keeper's own transactions.</summary>
    public const ulong BlockGasBudget = 250_000_000;
    public const int PerWalletPerBlock = 8;
    public const int MaxInFlight = 256;
    private const int MaxResends = 3;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <summary>Automine that has not mined a pending transaction for this long gets an evm_mine (belt and braces for #10122).</summary>
    private static readonly TimeSpan StallAfter = TimeSpan.FromSeconds(3);

    /// <summary>Give up (instead of hanging) when nothing pending is mined for this long, or in this many set-up blocks.</summary>
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(60);
    private const int GiveUpAfterBlocks = 20;
    private static readonly UInt256 MaxFee = new(50_000_000_000UL);
    private static readonly UInt256 Tip = new(1_000_000_000UL);
    private readonly List<TxFailure> _failures = [];
    private bool _manualMining;

    /// <summary>Refusals that survived recovery, across every send of this pipeline.</summary>
    public IReadOnlyList<TxFailure> Failures => _failures;

    /// <summary>Called after every block (set-up) or receipt poll that changed something.</summary>
    public Action<SendProgress>? Progress { get; set; }

    /// <summary>Runs <paramref name="body"/> with automine off, so its sends are mined many to a block; automine is
    /// back on afterwards (also on failure), and one more block takes whatever another sender left in the pool.</summary>
    public async Task<T> InBlocksAsync<T>(Func<Task<T>> body, CancellationToken ct)
    {
        await rpc.SetAutomineAsync(false, ct).ConfigureAwait(false);
        _manualMining = true;
        try
        {
            return await body().ConfigureAwait(false);
        }
        finally
        {
            _manualMining = false;
            await rpc.SetAutomineAsync(true, CancellationToken.None).ConfigureAwait(false);
            await rpc.MineAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Sends every request (each wallet's in the given order) and waits until each is mined or refused;
    /// receipts in request order, null for a refused one.</summary>
    public async Task<IReadOnlyList<TransactionReceipt?>> SendAllAsync(IReadOnlyList<TxRequest> requests, CancellationToken ct)
    {
        var run = new PipelineRun(requests);
        Report(run);
        var lastHead = await rpc.BlockNumberAsync(ct).ConfigureAwait(false);
        var lastMined = Stopwatch.StartNew();
        var emptyBlocks = 0;
        var nudges = 0;
        while (!run.Finished)
        {
            if (emptyBlocks >= GiveUpAfterBlocks || lastMined.Elapsed > GiveUpAfter)
                throw new InvalidOperationException($"{run.InFlight.Count} transactions stayed pending (nothing mined for {lastMined.Elapsed.TotalSeconds:N0} s, {emptyBlocks} blocks); first: {run.Requests[run.InFlight.Values.Min()].Label}");
            await SubmitAsync(run, ct).ConfigureAwait(false);
            if (run.InFlight.Count == 0)
                continue;
            if (_manualMining)
            {
                await rpc.MineAsync(ct).ConfigureAwait(false);
                run.Blocks++;
            }
            else
            {
                if (lastMined.Elapsed > StallAfter * (1 + nudges))
                {
                    // Ours are still pending though the node had time (other senders may have moved the head).
                    await rpc.MineAsync(ct).ConfigureAwait(false);
                    nudges++;
                }
                var head = await rpc.BlockNumberAsync(ct).ConfigureAwait(false);
                if (head == lastHead)
                {
                    await Task.Delay(PollInterval, ct).ConfigureAwait(false); // poll interval while the node mines
                    continue;
                }
                run.Blocks += (int)(head - lastHead);
                lastHead = head;
            }
            if (await CollectAsync(run, ct).ConfigureAwait(false) > 0)
            {
                lastMined.Restart();
                emptyBlocks = 0;
                nudges = 0;
            }
            else if (_manualMining)
            {
                emptyBlocks++;
            }
            Report(run);
        }
        Report(run);
        return run.Receipts;
    }

    private void Report(PipelineRun run)
    {
        var now = run.Snapshot();
        if (now == run.Reported)
            return;
        run.Reported = now;
        Progress?.Invoke(now);
    }

    /// <summary>Fills the block (manual mining) or the in-flight window (automine), one batch round per nonce step.</summary>
    private async Task SubmitAsync(PipelineRun run, CancellationToken ct)
    {
        var rounds = _manualMining ? PerWalletPerBlock : 1;
        var perWallet = _manualMining ? PerWalletPerBlock : 1;
        for (var round = 0; round < rounds; round++)
        {
            var gasLeft = _manualMining ? BlockGasBudget - Math.Min(BlockGasBudget, run.InFlightGas) : ulong.MaxValue;
            var slots = _manualMining ? int.MaxValue : MaxInFlight - run.InFlight.Count;
            var picked = run.NextRound(perWallet, gasLeft, slots);
            if (picked.Count == 0)
                return;
            var signed = picked.Select(i => Sign(run.Requests[i])).ToList();
            var batch = new RpcBatch();
            var answers = signed.Select(raw => batch.Add(EthRequests.SendRawTransaction(raw))).ToList();
            try
            {
                await rpc.SendBatchAsync(batch, ct).ConfigureAwait(false);
            }
            catch (JsonRpcTransportException)
            {
                // Answers are read one by one below; a timed-out batch is resolved per transaction.
            }
            var resync = new List<DemoWallet>();
            for (var k = 0; k < picked.Count; k++)
            {
                var index = picked[k];
                var request = run.Requests[index];
                var hash = EthRequests.TransactionHashOf(signed[k]);
                if (!answers[k].IsCompleted)
                    continue; // a later chunk of a batch that failed was never sent: stays queued, its nonce unused
                var error = answers[k].Exception?.InnerException;
                if (error is null || error is JsonRpcException { RpcMessage: var m } && m.Contains("already", StringComparison.OrdinalIgnoreCase)
                    || error is JsonRpcTransportException && await rpc.SendAsync(EthRequests.TransactionExists(hash), ct).ConfigureAwait(false))
                {
                    request.Wallet.Nonce++;
                    run.Accept(index, hash);
                }
                else if (IsNonceProblem(error) && run.Resends[index]++ < MaxResends)
                {
                    resync.Add(request.Wallet);
                }
                else
                {
                    var rpcError = error as JsonRpcException;
                    _failures.Add(new TxFailure(request, request.Wallet.Nonce, rpcError?.Code ?? 0, rpcError?.RpcMessage ?? error.Message));
                    run.Fail(index);
                }
            }
            await ResyncAsync(resync.Distinct().ToList(), ct).ConfigureAwait(false);
        }
    }

    private static bool IsNonceProblem(Exception error) => error switch
    {
        JsonRpcException e => e.RpcMessage.Contains("nonce", StringComparison.OrdinalIgnoreCase),
        JsonRpcTransportException => true, // not known to the node after a timeout: send it again
        _ => false,
    };

    /// <summary>The next nonce each wallet may use: the higher of the mined count and the pool's view.</summary>
    public async Task ResyncAsync(IReadOnlyList<DemoWallet> wallets, CancellationToken ct)
    {
        if (wallets.Count == 0)
            return;
        var latest = await rpc.SendBatchAsync(wallets.Select(w => EthRequests.GetTransactionCount(w.Address, BlockParameter.Latest)), ct).ConfigureAwait(false);
        var pending = await rpc.SendBatchAsync(wallets.Select(w => EthRequests.GetTransactionCount(w.Address, BlockParameter.Pending)), ct).ConfigureAwait(false);
        for (var i = 0; i < wallets.Count; i++)
            wallets[i].Nonce = Math.Max(latest[i], pending[i]);
    }

    /// <summary>Receipts of the in-flight transactions; returns how many were new.</summary>
    private async Task<int> CollectAsync(PipelineRun run, CancellationToken ct)
    {
        var hashes = run.InFlight.Keys.ToList();
        var receipts = await rpc.SendBatchAsync(hashes.Select(EthRequests.GetTransactionReceipt), ct).ConfigureAwait(false);
        var mined = 0;
        for (var i = 0; i < hashes.Count; i++)
        {
            if (receipts[i] is { } receipt)
            {
                run.Mined(hashes[i], receipt);
                mined++;
            }
        }
        return mined;
    }

    private byte[] Sign(TxRequest request) => new Eip1559Transaction
    {
        ChainId = chainId,
        Nonce = request.Wallet.Nonce,
        GasLimit = request.Gas,
        To = request.To,
        Data = request.Data,
        MaxFeePerGas = MaxFee,
        MaxPriorityFeePerGas = Tip,
    }.Sign(request.Wallet.Key).Encode();
}
