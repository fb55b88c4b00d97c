using System.Diagnostics;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Ethereum.Transactions;
using CrossMargin.Keeper.Pipeline;

namespace CrossMargin.Keeper.Sending;

/// <summary>
/// The in-flight attempts, at most one per account: submits through the <see cref="TransactionSender"/> (its nonce
/// manager), finds receipts for every hash sent at a nonce, and unsticks: a transaction unmined after
/// <see cref="KeeperOptions.ReplaceAfter"/> is fee-bumped if its call still succeeds, or replaced by a zero-value
/// self-transfer if it no longer would (so a dead liquidation does not hold the nonce and later ones hostage).
/// </summary>
internal sealed class AttemptTracker(TransactionSender sender, PrivateKey key, Address engine, KeeperOptions options)
{
    private static readonly TimeSpan DroppedAfter = TimeSpan.FromSeconds(2);
    private readonly Dictionary<ulong, Attempt> _inflight = [];

    public int Count => _inflight.Count;

    public bool Contains(ulong accountId) => _inflight.ContainsKey(accountId);

    public IEnumerable<Attempt> All => _inflight.Values;

    public async Task<(Attempt? Attempt, AttemptOutcome? Failure)> SubmitAsync(LiquidationAction action, FeeEstimate fees, long tickAt, CancellationToken ct)
    {
        var request = new TransactionRequest { To = engine, Data = action.CallData, GasLimit = GasLimit(action.Kind), Fees = fees };
        try
        {
            var pending = await sender.SubmitAsync(request, ct);
            var attempt = new Attempt(action, pending, tickAt, Stopwatch.GetTimestamp(), options.TimeProvider.GetUtcNow());
            _inflight[action.AccountId] = attempt;
            return (attempt, null);
        }
        catch (Exception e) when (e is JsonRpcException or JsonRpcTransportException or InvalidOperationException)
        {
            return (null, new AttemptOutcome(OutcomeKind.SendFailed, action, null, null, 0, UInt256.Zero, e.Message, null, 0, true));
        }
    }

    /// <summary>Re-tracks an attempt read from the checkpoint sidecar.</summary>
    public void Restore(Attempt attempt) => _inflight[attempt.Action.AccountId] = attempt;

    /// <summary>One batch of receipt queries for every hash in flight; resolves mined ones, unsticks old ones.</summary>
    public async Task<List<AttemptOutcome>> PollAsync(Func<LiquidationAction, CancellationToken, Task<byte[]?>> confirm, Action<string> replaced, CancellationToken ct)
    {
        var outcomes = new List<AttemptOutcome>();
        if (_inflight.Count == 0)
            return outcomes;
        var batch = new RpcBatch();
        // The nonce first: a nonce seen used before the receipt queries run means a missing receipt is really missing.
        var nonce = batch.Add(EthRequests.GetTransactionCount(sender.Address, BlockParameter.Latest));
        var queries = _inflight.Values.Select(a => (Attempt: a, Receipts: a.Hashes.Select(h => batch.Add(EthRequests.GetTransactionReceipt(h))).ToArray())).ToList();
        await sender.Rpc.SendBatchAsync(batch, ct);
        var minedNonce = await nonce;
        foreach (var (attempt, receipts) in queries)
        {
            TransactionReceipt? receipt = null;
            foreach (var r in receipts)
                receipt ??= await r;
            if (receipt is not null)
            {
                _inflight.Remove(attempt.Action.AccountId);
                outcomes.Add(await ResolveAsync(attempt, receipt, ct));
            }
            else if (minedNonce > attempt.Nonce && (attempt.NonceUsedSince ??= options.TimeProvider.GetUtcNow()) + DroppedAfter <= options.TimeProvider.GetUtcNow())
            {
                // The nonce has been used for a while by none of our hashes (a node may report the nonce a moment before
                // the receipt): something else, e.g. an earlier process with this key, took it.
                _inflight.Remove(attempt.Action.AccountId);
                outcomes.Add(Outcome(OutcomeKind.Dropped, attempt, null, null, null));
            }
            else if (options.TimeProvider.GetUtcNow() - attempt.SubmittedAt >= options.ReplaceAfter)
            {
                await UnstickAsync(attempt, confirm, replaced, ct);
            }
        }
        return outcomes;
    }

    public List<InflightRow> Rows() => _inflight.Values.Select(a => new InflightRow(
        a.Action.AccountId, a.Action.Kind, a.Action.Amount.ToString(), a.Action.Asset?.ToString(), a.Action.DeficitUsd, Hex.Encode(a.Action.CallData),
        a.Nonce, [.. a.Hashes.Select(h => h.ToString())], a.CancelHash?.ToString(), a.Pending.Transaction.To?.ToString() ?? "",
        Hex.Encode(a.Pending.Transaction.Data.Span), a.Pending.Transaction.GasLimit, a.Pending.Transaction.MaxFeePerGas.ToString(),
        a.Pending.Transaction.MaxPriorityFeePerGas.ToString(), a.Replacements)).ToList();

    public Attempt FromRow(InflightRow row, long now)
    {
        var action = new LiquidationAction(row.AccountId, row.Kind, UInt256.Parse(row.Amount), row.Asset is null ? null : Address.Parse(row.Asset), Hex.Decode(row.CallData), row.Deficit);
        var tx = new Eip1559Transaction
        {
            ChainId = sender.ChainId,
            Nonce = row.Nonce,
            To = Address.Parse(row.To),
            Data = Hex.Decode(row.Data),
            GasLimit = row.GasLimit,
            MaxFeePerGas = UInt256.Parse(row.MaxFee),
            MaxPriorityFeePerGas = UInt256.Parse(row.Tip),
        };
        var hashes = row.Hashes.Select(Hash32.Parse).ToArray();
        var pending = new PendingTransaction(hashes[^1], tx, hashes[..^1]);
        return new Attempt(action, pending, now, now, options.TimeProvider.GetUtcNow())
        {
            CancelHash = row.CancelHash is null ? null : Hash32.Parse(row.CancelHash),
            Replacements = row.Replacements,
        };
    }

    public ulong GasLimit(ActionKind kind) => kind switch
    {
        ActionKind.Liquidate => options.LiquidateGas,
        ActionKind.LiquidateCollateral => options.CollateralGas,
        _ => options.BadDebtGas,
    };

    private async Task<AttemptOutcome> ResolveAsync(Attempt attempt, TransactionReceipt receipt, CancellationToken ct)
    {
        if (attempt.CancelHash is { } cancel && receipt.TransactionHash == cancel)
            return Outcome(OutcomeKind.Cancelled, attempt, receipt, null, null);
        if (receipt.Succeeded)
            return Outcome(OutcomeKind.Liquidated, attempt, receipt, null, null);
        // A mined failure carries no reason: replay the call on the block's post-state, where the winner's change is.
        var call = new CallRequest { From = sender.Address, To = engine, Data = attempt.Action.CallData, Gas = GasLimit(attempt.Action.Kind) };
        try
        {
            await sender.Rpc.CallAsync(call, BlockParameter.At(receipt.BlockNumber), ct);
            return Outcome(OutcomeKind.Reverted, attempt, receipt, "unknown (replay succeeded: out of gas?)", null);
        }
        catch (JsonRpcRevertException e)
        {
            var (kind, name, error) = RevertClassifier.Classify(e.RevertData);
            return Outcome(kind, attempt, receipt, name, error);
        }
    }

    private async Task UnstickAsync(Attempt attempt, Func<LiquidationAction, CancellationToken, Task<byte[]?>> confirm, Action<string> replaced, CancellationToken ct)
    {
        try
        {
            if (!attempt.Cancelled && await confirm(attempt.Action, ct) is null)
            {
                attempt.Pending = await sender.ReplaceAsync(attempt.Pending, ct);
                replaced("bump");
            }
            else
            {
                // No longer valid (or a cancel that is itself stuck): a self-transfer frees the nonce for what comes next.
                var fees = attempt.Pending.Fees.BumpedBy(sender.Options.ReplacementBumpPercent).Max(await sender.Fees.EstimateAsync(ct));
                var cancel = new Eip1559Transaction
                {
                    ChainId = sender.ChainId,
                    Nonce = attempt.Nonce,
                    To = sender.Address,
                    GasLimit = 21_000,
                    MaxFeePerGas = fees.MaxFeePerGas,
                    MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
                };
                var hash = await sender.Rpc.SendRawTransactionAsync(cancel.Sign(key).Encode(), allowAmbiguousRetry: true, ct);
                attempt.Pending = new PendingTransaction(hash, cancel, attempt.Pending.AllHashes);
                attempt.CancelHash = hash;
                replaced("cancel");
            }
            attempt.Replacements++;
            attempt.SubmittedAt = options.TimeProvider.GetUtcNow();
        }
        catch (JsonRpcException e) when (NonceManager.IsNonceError(e))
        {
            // Mined between the receipt poll and the replacement: the next poll resolves it.
        }
    }

    private static AttemptOutcome Outcome(OutcomeKind kind, Attempt a, TransactionReceipt? receipt, string? errorName, object? error) => new(
        kind, a.Action, receipt?.TransactionHash ?? a.Pending.Hash, receipt?.BlockNumber, receipt?.GasUsed ?? 0,
        receipt is null ? UInt256.Zero : receipt.EffectiveGasPrice * (UInt256)receipt.GasUsed, errorName, error, a.Replacements, false);
}
