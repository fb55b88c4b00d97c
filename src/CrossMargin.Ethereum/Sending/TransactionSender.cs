using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Transactions;

namespace CrossMargin.Ethereum.Sending;

/// <summary>
/// Signs and submits EIP-1559 transactions for one key: gas estimate, fees, nonce, receipt, and same-nonce
/// replacement of a stuck transaction. ABI-agnostic; <see cref="ContractClient"/> adds typed calls and reverts.
/// </summary>
public sealed class TransactionSender
{
    private readonly IJsonRpcClient _rpc;
    private readonly PrivateKey _key;

    public TransactionSender(IJsonRpcClient rpc, PrivateKey key, ulong chainId, TransactionSenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        ArgumentNullException.ThrowIfNull(key);
        _rpc = rpc;
        _key = key;
        ChainId = chainId;
        Options = options ?? new TransactionSenderOptions();
        if (Options.ReplacementBumpPercent < FeeEstimate.MinReplacementBumpPercent)
            throw new ArgumentException($"ReplacementBumpPercent must be at least {FeeEstimate.MinReplacementBumpPercent}", nameof(options));
        Nonces = new NonceManager(rpc, key.Address);
        Fees = new FeeEstimator(rpc, Options.Fees);
        Receipts = new ReceiptWaiter(rpc, Options.TimeProvider, Options.PollInterval);
    }

    public static async Task<TransactionSender> CreateAsync(IJsonRpcClient rpc, PrivateKey key, TransactionSenderOptions? options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rpc);
        return new TransactionSender(rpc, key, await rpc.ChainIdAsync(ct).ConfigureAwait(false), options);
    }

    public Address Address => _key.Address;

    public IJsonRpcClient Rpc => _rpc;

    public ulong ChainId { get; }

    public TransactionSenderOptions Options { get; }

    public NonceManager Nonces { get; }

    public FeeEstimator Fees { get; }

    public ReceiptWaiter Receipts { get; }

    /// <summary>Estimate (a revert surfaces as <see cref="JsonRpcRevertException"/>), sign, submit with the next nonce.</summary>
    public async Task<PendingTransaction> SubmitAsync(TransactionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var gas = request.GasLimit ?? await EstimateGasAsync(request, ct).ConfigureAwait(false);
        var fees = request.Fees ?? await Fees.EstimateAsync(ct).ConfigureAwait(false);
        CheckCap(fees);
        var template = new Eip1559Transaction
        {
            ChainId = ChainId,
            To = request.To,
            Data = request.Data,
            Value = request.Value,
            GasLimit = gas,
            MaxFeePerGas = fees.MaxFeePerGas,
            MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas,
        };
        return await Nonces.SubmitAsync((nonce, token) => SignAndSendAsync(template with { Nonce = nonce }, [], token), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Resubmits <paramref name="stuck"/> with the same nonce, gas and payload, and both fees raised by at least
    /// <see cref="TransactionSenderOptions.ReplacementBumpPercent"/> (or to the current estimate if higher).
    /// </summary>
    public async Task<PendingTransaction> ReplaceAsync(PendingTransaction stuck, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stuck);
        var fees = stuck.Fees.BumpedBy(Options.ReplacementBumpPercent).Max(await Fees.EstimateAsync(ct).ConfigureAwait(false));
        if (fees.MaxPriorityFeePerGas > fees.MaxFeePerGas)
            fees = fees with { MaxFeePerGas = fees.MaxPriorityFeePerGas };
        CheckCap(fees);
        var replacement = stuck.Transaction with { MaxFeePerGas = fees.MaxFeePerGas, MaxPriorityFeePerGas = fees.MaxPriorityFeePerGas };
        return await SignAndSendAsync(replacement, stuck.AllHashes, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits for the nonce to be mined by <paramref name="pending"/> or one of its replacements. With
    /// <see cref="TransactionSenderOptions.ReplaceAfter"/> set, a transaction unmined for that long is replaced
    /// (up to <see cref="TransactionSenderOptions.MaxReplacements"/> times).
    /// </summary>
    public async Task<TransactionReceipt> WaitAsync(PendingTransaction pending, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(pending);
        var time = Options.TimeProvider;
        var start = time.GetTimestamp();
        var replacements = 0;
        while (true)
        {
            var left = Options.ReceiptTimeout - time.GetElapsedTime(start);
            var slice = Options.ReplaceAfter is { } after && replacements < Options.MaxReplacements && after < left ? after : left;
            if (await Receipts.WaitForAnyAsync(pending.AllHashes, slice, ct).ConfigureAwait(false) is { } receipt)
                return receipt;
            if (slice == left)
                throw new TimeoutException($"nonce {pending.Nonce} of {Address} not mined within {Options.ReceiptTimeout} (last hash {pending.Hash})");
            try
            {
                pending = await ReplaceAsync(pending, ct).ConfigureAwait(false);
            }
            catch (JsonRpcException e) when (NonceManager.IsNonceError(e))
            {
                // Mined (or already replaced) between the last poll and the replacement: keep waiting.
            }
            replacements++;
        }
    }

    /// <summary><see cref="SubmitAsync"/> then <see cref="WaitAsync"/>.</summary>
    public async Task<TransactionReceipt> SendAsync(TransactionRequest request, CancellationToken ct) =>
        await WaitAsync(await SubmitAsync(request, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

    public async Task<ulong> EstimateGasAsync(TransactionRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = new CallRequest { From = Address, To = request.To, Data = request.Data, Value = request.Value };
        var estimate = await _rpc.EstimateGasAsync(call, ct).ConfigureAwait(false);
        return checked(estimate * Options.GasLimitPercent / 100);
    }

    private async Task<PendingTransaction> SignAndSendAsync(Eip1559Transaction tx, IReadOnlyList<Hash32> replaced, CancellationToken ct)
    {
        var signed = tx.Sign(_key).Encode();
        var hash = await _rpc.SendRawTransactionAsync(signed, allowAmbiguousRetry: true, ct).ConfigureAwait(false);
        return new PendingTransaction(hash, tx, replaced);
    }

    private void CheckCap(FeeEstimate fees)
    {
        if (fees.MaxFeePerGas > Options.Fees.MaxFeeCap)
            throw new InvalidOperationException($"maxFeePerGas {fees.MaxFeePerGas} exceeds the cap {Options.Fees.MaxFeeCap}");
    }
}
