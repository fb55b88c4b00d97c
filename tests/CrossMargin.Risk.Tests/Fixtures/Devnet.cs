using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Risk.Tests.Fixtures;

/// <summary>contracts/script/Deploy.s.sol replayed over JSON-RPC with anvil's unlocked account 0.</summary>
internal sealed class Devnet(IJsonRpcClient rpc, string deployer)
{
    public static readonly BigInteger Wad = BigInteger.Pow(10, 18);

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

    public async Task DeployAsync(CancellationToken ct)
    {
        Usdc = await DeployAsync(Artifacts.Erc20, ct, "USD Coin", "USDC", 6);
        Weth = await DeployAsync(Artifacts.Erc20, ct, "Wrapped Ether", "WETH", 18);
        Wbtc = await DeployAsync(Artifacts.Erc20, ct, "Wrapped Bitcoin", "WBTC", 8);
        EthFeed = await DeployAsync(Artifacts.Aggregator, ct, 8, "ETH / USD", 2_000_00000000L);
        BtcFeed = await DeployAsync(Artifacts.Aggregator, ct, 8, "BTC / USD", 60_000_00000000L);
        SolFeed = await DeployAsync(Artifacts.Aggregator, ct, 8, "SOL / USD", 150_00000000L);
        Engine = await DeployAsync(Artifacts.Engine, ct, Usdc.ToArray(), Address.Parse(deployer).ToArray());
        Vault = await DeployAsync(Artifacts.Vault, ct, Usdc.ToArray(), Engine.ToArray());
        var e = Artifacts.Engine;
        await SendAsync(Engine, e.GetFunction("setVault").EncodeCall(Vault.ToArray()), ct);
        await SendAsync(Engine, e.GetFunction("listMarket").EncodeCall((object)Market(EthFeed, 0.1, 0.05, 0.1, 100_000)), ct);
        await SendAsync(Engine, e.GetFunction("listMarket").EncodeCall((object)Market(BtcFeed, 0.1, 0.05, 0.1, 5_000)), ct);
        await SendAsync(Engine, e.GetFunction("listMarket").EncodeCall((object)Market(SolFeed, 0.2, 0.1, 0.2, 2_000_000)), ct);
        await SendAsync(Engine, e.GetFunction("listCollateral").EncodeCall(Weth.ToArray(), Collateral(EthFeed, 1)), ct);
        await SendAsync(Engine, e.GetFunction("listCollateral").EncodeCall(Wbtc.ToArray(), Collateral(BtcFeed, 2)), ct);
        await SendAsync(Engine, e.GetFunction("setCorrelation").EncodeCall(1, 2, Frac(0.8)), ct);
        await SendAsync(Engine, e.GetFunction("setCorrelation").EncodeCall(1, 3, Frac(0.6)), ct);
        await SendAsync(Engine, e.GetFunction("setCorrelation").EncodeCall(2, 3, Frac(0.5)), ct);
        var erc = Artifacts.Erc20;
        var deployerBytes = Address.Parse(deployer).ToArray();
        await SendAsync(Usdc, erc.GetFunction("mint").EncodeCall(deployerBytes, 110_000_000 * BigInteger.Pow(10, 6)), ct);
        await SendAsync(Usdc, erc.GetFunction("approve").EncodeCall(Vault.ToArray(), BigInteger.Pow(2, 256) - 1), ct);
        await SendAsync(Vault, Artifacts.Vault.GetFunction("deposit").EncodeCall(100_000_000 * BigInteger.Pow(10, 6), deployerBytes), ct);
        await SendAsync(Usdc, erc.GetFunction("approve").EncodeCall(Engine.ToArray(), BigInteger.Pow(2, 256) - 1), ct);
        await SendAsync(Engine, e.GetFunction("fundInsurance").EncodeCall(10_000_000 * BigInteger.Pow(10, 6)), ct);
    }

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

    private static object[] Market(Address feed, double imf, double mmf, double sigma, long maxOi) =>
        [feed.ToArray(), 86_400, Frac(imf), Frac(mmf), Frac(sigma), Frac(mmf / 2), Frac(0.0005), maxOi * Wad];

    private static object[] Collateral(Address feed, int market) =>
        [feed.ToArray(), 86_400, Frac(0.1), Frac(0.15), Frac(0.05), market, BigInteger.Pow(2, 128) - 1];
}
