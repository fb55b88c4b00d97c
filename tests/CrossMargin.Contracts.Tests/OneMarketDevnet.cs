using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Contracts.Tests;

/// <summary>
/// The devnet of contracts/script/Deploy.s.sol, reduced to one market (ETH, id 1) and one collateral (WETH),
/// deployed from abi/ bytecode by a freshly generated, anvil_setBalance-funded key.
/// </summary>
internal sealed record OneMarketDevnet(
    TransactionSender Owner,
    ContractClient Usdc,
    ContractClient Weth,
    ContractClient EthFeed,
    ContractClient Engine,
    ContractClient Vault)
{
    public static readonly UInt256 Wad = UInt256.Parse("1000000000000000000");
    public const ulong Usdc1 = 1_000_000;

    public static TransactionSenderOptions SenderOptions => new() { PollInterval = TimeSpan.FromMilliseconds(10), ReceiptTimeout = TimeSpan.FromSeconds(30) };

    public static CancellationToken Ct() => new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token;

    public static UInt256 Wads(ulong units) => Wad * units;

    /// <summary>A new random key holding 1,000 ETH.</summary>
    public static async Task<TransactionSender> FundedSenderAsync(IJsonRpcClient rpc, CancellationToken ct)
    {
        var key = PrivateKey.Generate();
        await rpc.SetBalanceAsync(key.Address, Wads(1_000), ct);
        return await TransactionSender.CreateAsync(rpc, key, SenderOptions, ct);
    }

    public static async Task<OneMarketDevnet> DeployAsync(IJsonRpcClient rpc, CancellationToken ct)
    {
        var owner = await FundedSenderAsync(rpc, ct);
        var usdc = await ContractClient.DeployAsync(MockERC20Contract.Binding, MockERC20Contract.EncodeDeploy("USD Coin", "USDC", 6), owner, ct);
        var weth = await ContractClient.DeployAsync(MockERC20Contract.Binding, MockERC20Contract.EncodeDeploy("Wrapped Ether", "WETH", 18), owner, ct);
        var feed = await ContractClient.DeployAsync(MockAggregatorContract.Binding, MockAggregatorContract.EncodeDeploy(8, "ETH / USD", (Int256)(2_000L * 100_000_000L)), owner, ct);
        var engine = await ContractClient.DeployAsync(MarginEngineContract.Binding, MarginEngineContract.EncodeDeploy(usdc.Address, owner.Address), owner, ct);
        var vault = await ContractClient.DeployAsync(LiquidityVaultContract.Binding, LiquidityVaultContract.EncodeDeploy(usdc.Address, engine.Address), owner, ct);

        await engine.SendAsync(SetVaultFunction.Encode(vault.Address), ct);
        var market = new MarketParams(feed.Address, 86_400, Fraction(10), Fraction(5), Fraction(10), Fraction(5) / 5, 500_000_000_000_000, (UInt256)BigInteger.Pow(10, 23));
        await engine.SendAsync(ListMarketFunction.Encode(market), ct);
        var collateral = new CollateralParams(feed.Address, 86_400, Fraction(10), Fraction(15), Fraction(5), 1, (UInt256)(BigInteger.Pow(2, 128) - 1));
        await engine.SendAsync(ListCollateralFunction.Encode(weth.Address, collateral), ct);

        // Vault liquidity, as the deploy script seeds it.
        await usdc.SendAsync(MockERC20Contract.MintFunction.Encode(owner.Address, 1_000_000 * Usdc1), ct);
        await usdc.SendAsync(MockERC20Contract.ApproveFunction.Encode(vault.Address, 1_000_000 * Usdc1), ct);
        await vault.SendAsync(LiquidityVaultContract.DepositFunction.Encode(1_000_000 * Usdc1, owner.Address), ct);
        return new OneMarketDevnet(owner, usdc, weth, feed, engine, vault);
    }

    /// <summary>Clients for the same contracts that send from <paramref name="sender"/>.</summary>
    public ContractClient As(ContractClient contract, TransactionSender sender) => new(contract.Binding, contract.Address, sender.Rpc, sender);

    /// <summary><paramref name="percent"/> % as a WAD fraction.</summary>
    private static ulong Fraction(ulong percent) => percent * 10_000_000_000_000_000;
}
