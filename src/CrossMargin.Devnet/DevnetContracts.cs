using System.Numerics;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Devnet;

/// <summary>
/// The devnet configuration of contracts/script/Deploy.s.sol deployed from the checked-in abi/ bytecode with the
/// generated bindings (no Foundry build needed): USDC/WETH/WBTC, ETH/BTC/SOL feeds (markets 1–3), WETH→ETH and
/// WBTC→BTC linked collaterals, the correlations, a 100M USDC vault and a 10M USDC insurance fund. The C# deployer of
/// `up`, `compare` and the test fixtures; the forge script stays for bench-gas and real networks, and a test
/// (tests/CrossMargin.Cli.Tests/Devnet/DeployParityTests.cs) keeps the two configurations equal.
/// </summary>
public sealed record DevnetContracts(
    TransactionSender Owner,
    ContractClient Engine,
    ContractClient Vault,
    ContractClient Usdc,
    ContractClient Weth,
    ContractClient Wbtc,
    IReadOnlyDictionary<int, ContractClient> Feeds)
{
    public const ulong UsdcUnit = 1_000_000;
    public static readonly UInt256 Wad = (UInt256)BigInteger.Pow(10, 18);

    /// <summary>Anvil's first dev key (default mnemonic), Deploy.s.sol's default deployer: deploying from it at nonce 0 gives the README's addresses.</summary>
    public const string AnvilDevKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    public static TransactionSenderOptions SenderOptions => new() { PollInterval = TimeSpan.FromMilliseconds(5) };

    /// <summary>A new random key holding 1,000,000 devnet ETH.</summary>
    public static async Task<TransactionSender> FundedSenderAsync(IJsonRpcClient rpc, CancellationToken ct)
    {
        var key = PrivateKey.Generate();
        await rpc.SetBalanceAsync(key.Address, Wad * 1_000_000UL, ct);
        return await TransactionSender.CreateAsync(rpc, key, SenderOptions, ct);
    }

    /// <summary>Deploys from a fresh funded key (a chain of its own, where the addresses do not matter).</summary>
    public static async Task<DevnetContracts> DeployAsync(IJsonRpcClient rpc, CancellationToken ct) =>
        await DeployAsync(await FundedSenderAsync(rpc, ct), ct);

    /// <summary>Deploys and configures everything from <paramref name="owner"/>, in Deploy.s.sol's transaction order.</summary>
    public static async Task<DevnetContracts> DeployAsync(TransactionSender owner, CancellationToken ct)
    {
        var usdc = await TokenAsync(owner, "USD Coin", "USDC", 6, ct);
        var weth = await TokenAsync(owner, "Wrapped Ether", "WETH", 18, ct);
        var wbtc = await TokenAsync(owner, "Wrapped Bitcoin", "WBTC", 8, ct);
        var ethFeed = await FeedAsync(owner, "ETH / USD", 2_000m, ct);
        var btcFeed = await FeedAsync(owner, "BTC / USD", 60_000m, ct);
        var solFeed = await FeedAsync(owner, "SOL / USD", 150m, ct);
        var engine = await ContractClient.DeployAsync(MarginEngineContract.Binding, MarginEngineContract.EncodeDeploy(usdc.Address, owner.Address), owner, ct);
        var vault = await ContractClient.DeployAsync(LiquidityVaultContract.Binding, LiquidityVaultContract.EncodeDeploy(usdc.Address, engine.Address), owner, ct);
        await engine.SendAsync(SetVaultFunction.Encode(vault.Address), ct);
        var devnet = new DevnetContracts(owner, engine, vault, usdc, weth, wbtc, new Dictionary<int, ContractClient>());
        await devnet.ListMarketAsync(ethFeed, 0.1m, 0.05m, 0.1m, 100_000, ct);
        await devnet.ListMarketAsync(btcFeed, 0.1m, 0.05m, 0.1m, 5_000, ct);
        await devnet.ListMarketAsync(solFeed, 0.2m, 0.1m, 0.2m, 2_000_000, ct);
        await engine.SendAsync(ListCollateralFunction.Encode(weth.Address, Collateral(ethFeed.Address, 1)), ct);
        await engine.SendAsync(ListCollateralFunction.Encode(wbtc.Address, Collateral(btcFeed.Address, 2)), ct);
        // One pair at a time, as Deploy.s.sol does (the parity test compares them); the intermediate (0.8, 0.6, 0) is
        // singular but positive semi-definite, which the engine accepts within its tolerance.
        await devnet.SetCorrelationAsync(1, 2, 0.8m, ct);
        await devnet.SetCorrelationAsync(1, 3, 0.6m, ct);
        await devnet.SetCorrelationAsync(2, 3, 0.5m, ct);

        await usdc.SendAsync(MockERC20Contract.MintFunction.Encode(owner.Address, 110_000_000 * UsdcUnit), ct);
        await usdc.SendAsync(MockERC20Contract.ApproveFunction.Encode(vault.Address, UInt256.MaxValue), ct);
        await vault.SendAsync(LiquidityVaultContract.DepositFunction.Encode(100_000_000 * UsdcUnit, owner.Address), ct);
        await usdc.SendAsync(MockERC20Contract.ApproveFunction.Encode(engine.Address, UInt256.MaxValue), ct);
        await engine.SendAsync(FundInsuranceFunction.Encode(10_000_000 * UsdcUnit), ct);
        return devnet;
    }

    /// <summary>Deploys a feed (8 decimals, as Chainlink's USD feeds) at <paramref name="price"/> USD.</summary>
    public static Task<ContractClient> FeedAsync(TransactionSender owner, string description, decimal price, CancellationToken ct) =>
        ContractClient.DeployAsync(MockAggregatorContract.Binding, MockAggregatorContract.EncodeDeploy(8, description, Answer(price)), owner, ct);

    /// <summary>Lists the next market on <paramref name="feed"/> with the deploy script's conventions (lf = mmf/5, below α·mmf as the engine requires; 0.05% taker fee, 1-day heartbeat).</summary>
    public async Task<int> ListMarketAsync(ContractClient feed, decimal imf, decimal mmf, decimal sigma, ulong maxOpenInterest, CancellationToken ct)
    {
        var p = new MarketParams(feed.Address, 86_400, Fraction(imf), Fraction(mmf), Fraction(sigma), Fraction(mmf / 5), Fraction(0.0005m), Wad * maxOpenInterest);
        await Engine.SendAsync(ListMarketFunction.Encode(p), ct);
        var id = (int)(ulong)await Engine.CallAsync(MarketCountFunction.Encode(), MarketCountFunction.DecodeResult, ct);
        ((Dictionary<int, ContractClient>)Feeds)[id] = feed;
        return id;
    }

    public Task SetCorrelationAsync(int i, int j, decimal rho, CancellationToken ct) =>
        Engine.SendAsync(SetCorrelationFunction.Encode((UInt256)(ulong)i, (UInt256)(ulong)j, Rho(rho)), ct);

    /// <summary>Sets several correlations in one call: the engine checks the matrix is positive semi-definite once, after
    /// the last, so a PSD target can be reached through pairs that are not PSD one at a time.</summary>
    public Task SetCorrelationsAsync(IReadOnlyList<(int I, int J, decimal Rho)> pairs, CancellationToken ct) =>
        Engine.SendAsync(SetCorrelationsFunction.Encode(
            [.. pairs.Select(c => (UInt256)(ulong)c.I)], [.. pairs.Select(c => (UInt256)(ulong)c.J)], [.. pairs.Select(c => Rho(c.Rho))]), ct);

    private static Int256 Rho(decimal rho) => (Int256)(BigInteger)(rho * 1_000_000m) * (Int256)1_000_000_000_000L;

    /// <summary>Sets market <paramref name="marketId"/>'s feed to <paramref name="price"/> USD (rounded to the feed's 8 decimals).</summary>
    public Task SetPriceAsync(int marketId, decimal price, CancellationToken ct) =>
        Feeds[marketId].SendAsync(MockAggregatorContract.SetPriceFunction.Encode(Answer(price)), ct);

    /// <summary>
    /// Sets several markets' prices in one block (automine paused while they are submitted), so a price step is atomic:
    /// whoever reacts to it (the keeper) sees every market moved at once. Returns the block.
    /// </summary>
    public async Task<ulong> SetPricesInOneBlockAsync(IReadOnlyDictionary<int, decimal> prices, CancellationToken ct)
    {
        var rpc = Owner.Rpc;
        var pending = new List<PendingTransaction>();
        await rpc.SetAutomineAsync(false, ct);
        try
        {
            foreach (var (market, price) in prices)
            {
                var request = new TransactionRequest { To = Feeds[market].Address, Data = MockAggregatorContract.SetPriceFunction.Encode(Answer(price)), GasLimit = 200_000 };
                pending.Add(await Owner.SubmitAsync(request, ct));
            }
            await rpc.MineAsync(ct);
        }
        finally
        {
            await rpc.SetAutomineAsync(true, ct);
        }
        ulong block = 0;
        foreach (var p in pending)
        {
            var receipt = await Owner.WaitAsync(p, ct);
            block = receipt.Succeeded ? receipt.BlockNumber : throw new InvalidOperationException($"setPrice {receipt.TransactionHash} reverted");
        }
        return block;
    }

    /// <summary>The addresses under deployment.json's keys (the names Deploy.s.sol writes).</summary>
    public IReadOnlyDictionary<string, Address> Addresses() => new Dictionary<string, Address>(StringComparer.Ordinal)
    {
        ["engine"] = Engine.Address, ["vault"] = Vault.Address, ["usdc"] = Usdc.Address, ["weth"] = Weth.Address, ["wbtc"] = Wbtc.Address,
        ["ethFeed"] = Feeds[1].Address, ["btcFeed"] = Feeds[2].Address, ["solFeed"] = Feeds[3].Address,
    };

    /// <summary>deployment.json's text: <see cref="Addresses"/> as one JSON object, in Deploy.s.sol's key order.</summary>
    public string DeploymentJson() => new Deployment(Addresses()).ToJson();

    /// <summary>The same contract, sending from <paramref name="sender"/>.</summary>
    public static ContractClient As(ContractClient contract, TransactionSender sender) => new(contract.Binding, contract.Address, sender.Rpc, sender);

    public static Int256 Answer(decimal price) => (Int256)(BigInteger)decimal.Round(price * 100_000_000m);

    /// <summary>A WAD fraction; the inputs here have at most 6 decimals, so the conversion is exact.</summary>
    public static ulong Fraction(decimal f) => (ulong)decimal.Round(f * 1_000_000m) * 1_000_000_000_000UL;

    private static Task<ContractClient> TokenAsync(TransactionSender owner, string name, string symbol, byte decimals, CancellationToken ct) =>
        ContractClient.DeployAsync(MockERC20Contract.Binding, MockERC20Contract.EncodeDeploy(name, symbol, decimals), owner, ct);

    private static CollateralParams Collateral(Address feed, byte market) =>
        new(feed, 86_400, Fraction(0.1m), Fraction(0.15m), Fraction(0.05m), market, (UInt256)(BigInteger.Pow(2, 128) - 1));
}
