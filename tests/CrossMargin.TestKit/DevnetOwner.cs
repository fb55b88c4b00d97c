using System.Numerics;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;

namespace CrossMargin.TestKit;

/// <summary>
/// The devnet (the product's <see cref="DevnetContracts"/>) as its owner sees it: the deployed addresses, and raw sends
/// from anvil's unlocked dev account 0, which deployed it and owns the engine.
/// </summary>
public sealed class DevnetOwner(IJsonRpcClient rpc, string deployer)
{
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    private DevnetContracts? _contracts;

    public Address Usdc { get; private set; }
    public Address Weth { get; private set; }
    public Address Wbtc { get; private set; }
    public Address EthFeed { get; private set; }
    public Address BtcFeed { get; private set; }
    public Address SolFeed { get; private set; }
    public Address Engine { get; private set; }
    public Address Vault { get; private set; }
    public string Deployer => deployer;
    public IJsonRpcClient Rpc => rpc;

    /// <summary>
    /// Deploys with the product's deployer (<see cref="DevnetContracts"/>, the configuration of Deploy.s.sol), as
    /// <see cref="Deployer"/>, which must be anvil's dev account 0; later transactions go from the unlocked account.
    /// </summary>
    public async Task DeployAsync(CancellationToken ct)
    {
        var owner = await TransactionSender.CreateAsync(rpc, PrivateKey.FromHex(DevnetContracts.AnvilDevKey0), DevnetContracts.SenderOptions, ct);
        if (owner.Address != Address.Parse(deployer))
            throw new ArgumentException($"the devnet is deployed by anvil's dev account 0 ({owner.Address}), not {deployer}");
        var d = _contracts = await DevnetContracts.DeployAsync(owner, ct);
        (Usdc, Weth, Wbtc, Engine, Vault) = (d.Usdc.Address, d.Weth.Address, d.Wbtc.Address, d.Engine.Address, d.Vault.Address);
        (EthFeed, BtcFeed, SolFeed) = (d.Feeds[1].Address, d.Feeds[2].Address, d.Feeds[3].Address);
    }

    /// <summary>deployment.json's text, as `up` writes it.</summary>
    public string DeploymentJson() => (_contracts ?? throw new InvalidOperationException("not deployed yet")).DeploymentJson();

    public static BigInteger Frac(double f) => new BigInteger(System.Math.Round(f * 1e6)) * BigInteger.Pow(10, 12);

    public Task SetPriceAsync(Address feed, BigInteger answer, CancellationToken ct) =>
        SendAsync(feed, Artifacts.Aggregator.GetFunction("setPrice").EncodeCall(answer), ct);

    public async Task<Address> DeployAsync(ContractAbi abi, CancellationToken ct, params object?[] args)
    {
        var data = abi.Constructor is { } c ? c.EncodeDeploy(abi.Bytecode, args) : abi.Bytecode!;
        var receipt = await TransactAsync(new CallRequest { From = Address.Parse(deployer), Data = data, Gas = 30_000_000 }, ct);
        return receipt.ContractAddress ?? throw new InvalidOperationException("no contract address");
    }

    public Task<TransactionReceipt> SendAsync(Address to, byte[] data, CancellationToken ct, ulong gas = 30_000_000) =>
        TransactAsync(new CallRequest { From = Address.Parse(deployer), To = to, Data = data, Gas = gas }, ct);

    private async Task<TransactionReceipt> TransactAsync(CallRequest tx, CancellationToken ct)
    {
        var hash = await rpc.SendTransactionAsync(tx, ct);
        while (true)
        {
            if (await rpc.GetTransactionReceiptAsync(hash, ct) is { } receipt)
                return receipt.Succeeded ? receipt : throw new InvalidOperationException($"transaction {hash} reverted");
            await Task.Delay(2, ct);
        }
    }
}
