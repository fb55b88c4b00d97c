using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Liquidation;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>
/// A scripted session on the devnet touching every event kind: accounts in all modes, an operator, deposits and a
/// withdrawal, trades (open, add, partial close), price moves, a full liquidation into bad debt and its settlement,
/// a collateral liquidation followed by a position liquidation. Liquidation sizes come from the risk engine's planner.
/// </summary>
internal sealed class ScriptedSession(DevnetOwner devnet, string operatorAddress)
{
    private static readonly BigInteger MaxUint = BigInteger.Pow(2, 256) - 1;
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    private static ContractAbi E => Artifacts.Engine;

    public async Task RunAsync(CancellationToken ct)
    {
        var me = Address.Parse(devnet.Deployer).ToArray();
        await devnet.SendAsync(devnet.Usdc, Artifacts.Erc20.GetFunction("mint").EncodeCall(me, BigInteger.Pow(10, 12)), ct);
        await devnet.SendAsync(devnet.Weth, Artifacts.Erc20.GetFunction("mint").EncodeCall(me, 1_000 * Wad), ct);
        await devnet.SendAsync(devnet.Wbtc, Artifacts.Erc20.GetFunction("mint").EncodeCall(me, 100 * BigInteger.Pow(10, 8)), ct);
        foreach (var token in new[] { devnet.Weth, devnet.Wbtc })
            await devnet.SendAsync(token, Artifacts.Erc20.GetFunction("approve").EncodeCall(devnet.Engine.ToArray(), MaxUint), ct);

        await Engine("openAccount", ct, 1); // 1 CROSS, will go bankrupt
        await Deposit(1, devnet.Usdc, Usdc(1_000), ct);
        await Trade(1, 1, 4 * Wad, ct);

        await Engine("openAccount", ct, 2); // 2 PORTFOLIO, basis trade
        await Deposit(2, devnet.Usdc, Usdc(1_000), ct);
        await Deposit(2, devnet.Weth, 2 * Wad, ct);
        await Trade(2, 1, -2 * Wad, ct);
        await Engine("setOperator", ct, 2, Address.Parse(operatorAddress).ToArray(), true);
        await Engine("withdraw", ct, 2, devnet.Usdc.ToArray(), Usdc(100));

        await Engine("openAccount", ct, 0); // 3 ISOLATED SOL
        await Deposit(3, devnet.Usdc, Usdc(5_000), ct);
        await Trade(3, 3, 100 * Wad, ct);

        await Engine("openAccount", ct, 1); // 4 CROSS, WETH only: fees put it in quote debt
        await Deposit(4, devnet.Weth, Wad, ct);
        await Trade(4, 2, -Wad / 10, ct);

        await Engine("openAccount", ct, 1); // 5 CROSS, healthy, several trades
        await Deposit(5, devnet.Usdc, Usdc(20_000), ct);
        await Deposit(5, devnet.Wbtc, BigInteger.Pow(10, 8) / 2, ct);
        await Trade(5, 1, 3 * Wad, ct);
        await Trade(5, 2, -Wad / 5, ct);
        await Trade(5, 1, -Wad, ct);
        await Engine("setOperator", ct, 5, Address.Parse(operatorAddress).ToArray(), true);
        await Engine("setOperator", ct, 5, Address.Parse(operatorAddress).ToArray(), false);

        await devnet.SetPriceAsync(devnet.EthFeed, 2_100_00000000L, ct);
        await devnet.SetPriceAsync(devnet.SolFeed, 160_00000000L, ct);
        await devnet.SetPriceAsync(devnet.EthFeed, 1_700_00000000L, ct);
        await devnet.SetPriceAsync(devnet.BtcFeed, 75_000_00000000L, ct);

        await LiquidateAsync(1, ct);
        await Engine("settleBadDebt", ct, 1);
        await LiquidateCollateralAsync(4, devnet.Weth, ct);
        await LiquidateAsync(4, ct);

        await devnet.SetPriceAsync(devnet.EthFeed, 1_750_12345678L, ct);
        await Deposit(5, devnet.Usdc, Usdc(1), ct);
    }

    private async Task LiquidateAsync(ulong id, CancellationToken ct)
    {
        var book = await LoadBookAsync(ct);
        var fraction = LiquidationPlanner.MinimalFraction(book.Account(id), book.Parameters, book.Prices())
            ?? throw new InvalidOperationException($"account {id} has no accepted liquidation fraction");
        await Engine("liquidate", ct, id, (BigInteger)fraction);
    }

    private async Task LiquidateCollateralAsync(ulong id, Address asset, CancellationToken ct)
    {
        var book = await LoadBookAsync(ct);
        var index = book.Parameters.CollateralIndexByAsset[asset];
        var repay = LiquidationPlanner.MinimalRepay(book.Account(id), book.Parameters, book.Prices(), index)
            ?? throw new InvalidOperationException($"account {id} has no accepted collateral repay");
        await Engine("liquidateCollateral", ct, id, asset.ToArray(), (BigInteger)repay);
    }

    private async Task<RiskBook> LoadBookAsync(CancellationToken ct)
    {
        var head = await devnet.Rpc.BlockNumberAsync(ct);
        var mirror = await new ChainLoader(devnet.Rpc, Artifacts.Engine, Artifacts.Aggregator).LoadAsync(devnet.Engine, head, ct);
        return mirror.Book;
    }

    private Task Deposit(ulong id, Address asset, BigInteger amount, CancellationToken ct) => Engine("deposit", ct, id, asset.ToArray(), amount);

    private Task Trade(ulong id, int market, BigInteger size, CancellationToken ct) =>
        Engine("trade", ct, id, market, size, size.Sign > 0 ? MaxUint : BigInteger.Zero);

    private Task Engine(string function, CancellationToken ct, params object[] args) => devnet.SendAsync(devnet.Engine, E.GetFunction(function).EncodeCall(args), ct);

    private static BigInteger Usdc(long units) => units * BigInteger.Pow(10, 6);
}
