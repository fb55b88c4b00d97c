using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Sending;

/// <summary>
/// One deployed contract: typed eth_call, transactions through a <see cref="TransactionSender"/>, reverts
/// decoded into the contract's custom errors, and event records from receipts. Call data and decoders come
/// from the generated bindings, e.g. <c>CallAsync(HealthFunction.Encode(id), HealthFunction.DecodeResult, ct)</c>.
/// </summary>
public sealed class ContractClient
{
    private readonly IJsonRpcClient _rpc;

    public ContractClient(ContractBinding binding, Address address, IJsonRpcClient rpc, TransactionSender? sender = null)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(rpc);
        Binding = binding;
        Address = address;
        _rpc = rpc;
        Sender = sender;
    }

    public ContractBinding Binding { get; }

    public Address Address { get; }

    /// <summary>Null for a read-only client.</summary>
    public TransactionSender? Sender { get; }

    /// <summary>Deploys <paramref name="deployData"/> (generated <c>EncodeDeploy(...)</c>) and returns a client for it.</summary>
    public static async Task<ContractClient> DeployAsync(ContractBinding binding, byte[] deployData, TransactionSender sender, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(binding);
        ArgumentNullException.ThrowIfNull(sender);
        var deployer = new ContractClient(binding, Address.Zero, sender.Rpc, sender);
        var receipt = await deployer.SendCoreAsync(new TransactionRequest { Data = deployData }, ct).ConfigureAwait(false);
        var address = receipt.ContractAddress ?? throw new InvalidOperationException($"{binding.ContractName} deployment receipt has no contract address");
        return new ContractClient(binding, address, sender.Rpc, sender);
    }

    /// <summary>eth_call decoded by <paramref name="decode"/>; a revert throws <see cref="ContractRevertException"/>.</summary>
    public async Task<T> CallAsync<T>(byte[] callData, ResultDecoder<T> decode, CancellationToken ct, BlockParameter? block = null)
    {
        ArgumentNullException.ThrowIfNull(decode);
        var call = new CallRequest { From = Sender?.Address, To = Address, Data = callData };
        try
        {
            var result = await _rpc.CallAsync(call, block ?? BlockParameter.Latest, ct).ConfigureAwait(false);
            return decode(result);
        }
        catch (JsonRpcRevertException e)
        {
            throw Revert(e.RevertData, null, null, e);
        }
    }

    /// <summary>
    /// Estimate → sign → send → receipt. A revert in estimation, or a mined failure (re-simulated for its
    /// reason), throws <see cref="ContractRevertException"/> carrying the decoded custom error.
    /// </summary>
    public Task<TransactionReceipt> SendAsync(byte[] callData, CancellationToken ct, UInt256 value = default, ulong? gasLimit = null) =>
        SendCoreAsync(new TransactionRequest { To = Address, Data = callData, Value = value, GasLimit = gasLimit }, ct);

    /// <summary>Event records of this contract in <paramref name="receipt"/>, in log order (other contracts' logs skipped).</summary>
    public IReadOnlyList<object> DecodeEvents(TransactionReceipt receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        var events = new List<object>();
        foreach (var log in receipt.Logs)
        {
            if (log.Address == Address && Binding.DecodeLog(log.Topics, log.Data) is { } decoded)
                events.Add(decoded);
        }
        return events;
    }

    /// <summary>The events of type <typeparamref name="TEvent"/> (a generated event record) in <paramref name="receipt"/>.</summary>
    public IReadOnlyList<TEvent> Events<TEvent>(TransactionReceipt receipt) => DecodeEvents(receipt).OfType<TEvent>().ToList();

    private async Task<TransactionReceipt> SendCoreAsync(TransactionRequest request, CancellationToken ct)
    {
        var sender = Sender ?? throw new InvalidOperationException($"{Binding.ContractName} client at {Address} has no sender (read-only)");
        PendingTransaction pending;
        try
        {
            pending = await sender.SubmitAsync(request, ct).ConfigureAwait(false);
        }
        catch (JsonRpcRevertException e)
        {
            throw Revert(e.RevertData, null, null, e);
        }
        var receipt = await sender.WaitAsync(pending, ct).ConfigureAwait(false);
        if (receipt.Succeeded)
            return receipt;
        var revertData = await ResimulateAsync(request, sender.Address, receipt, ct).ConfigureAwait(false);
        throw Revert(revertData, receipt.TransactionHash, receipt, null);
    }

    /// <summary>
    /// A mined failure carries no reason: replay the call on the state before its block (then on its block)
    /// to recover the revert data. Other transactions earlier in the block are not replayed, so this is the
    /// usual best effort; empty data means the replay did not revert (e.g. out of gas).
    /// </summary>
    private async Task<byte[]> ResimulateAsync(TransactionRequest request, Address from, TransactionReceipt receipt, CancellationToken ct)
    {
        var call = new CallRequest { From = from, To = request.To, Data = request.Data, Value = request.Value, Gas = request.GasLimit };
        foreach (var block in new[] { receipt.BlockNumber - 1, receipt.BlockNumber })
        {
            try
            {
                await _rpc.CallAsync(call, BlockParameter.At(block), ct).ConfigureAwait(false);
            }
            catch (JsonRpcRevertException e)
            {
                return e.RevertData;
            }
        }
        return [];
    }

    private ContractRevertException Revert(byte[] data, Hash32? tx, TransactionReceipt? receipt, Exception? inner) =>
        new(Binding.ContractName, data, Binding.DecodeError(data), Binding.Abi.DecodeRevert(data), tx, receipt, inner);
}
