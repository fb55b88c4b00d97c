using CrossMargin.Cli.Stack;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;
using E = CrossMargin.Contracts.MarginEngineContract;
using T = CrossMargin.Contracts.MockERC20Contract;

namespace CrossMargin.Cli.Demo;

/// <summary>
/// Creates the simulated traders: keys from the seed, ether by anvil_setBalance, tokens by MockERC20.mint, one account
/// each (modes in turn), deposits of several collaterals and leveraged positions — mostly long ETH/BTC, so the crash
/// bites; portfolio accounts also hold basis trades (WETH collateral against an ETH short) that survive it.
/// </summary>
internal sealed class MarketSetup(DevStack stack, TxPipeline sender, Random rng)
{
    public static readonly double[] StartPrices = [2_000, 60_000, 150];
    private Deployment D => stack.Deployment;

    public async Task<List<DemoWallet>> CreateAsync(int count, int seed, CancellationToken ct)
    {
        var wallets = Enumerable.Range(0, count)
            .Select(i => new DemoWallet(DemoWallet.DeriveKey(seed, "wallet", i), (MarginMode)(i % 3)))
            .ToList();
        await stack.Rpc.SendBatchAsync(wallets.Select(w => AnvilRequests.SetBalance(w.Address, (UInt256)(DemoMath.Wad * 100))), ct);
        // Wallets from an earlier demo with the same seed have used nonces already (on chain or still in the pool).
        await sender.ResyncAsync(wallets, ct);

        var open = new List<TxRequest>();
        foreach (var w in wallets)
        {
            foreach (var (token, amount) in new[] { (D.Usdc, DemoMath.Units(200_000, 6)), (D.Weth, DemoMath.Units(50, 18)), (D.Wbtc, DemoMath.Units(2, 8)) })
            {
                open.Add(new TxRequest(w, token, T.MintFunction.Encode(w.Address, amount), 100_000, "mint"));
                open.Add(new TxRequest(w, token, T.ApproveFunction.Encode(D.Engine, DemoMath.MaxUint), 80_000, "approve"));
            }
            open.Add(new TxRequest(w, D.Engine, E.OpenAccountFunction.Encode((byte)w.Mode), 200_000, "openAccount"));
        }
        var byOwner = wallets.ToDictionary(w => w.Address);
        foreach (var receipt in await sender.SendAllAsync(open, ct))
        {
            foreach (var log in receipt?.Logs ?? [])
            {
                if (E.AccountOpenedEvent.TryDecode(log, out var opened) && byOwner.TryGetValue(opened.Owner, out var owner))
                    owner.AccountId = (ulong)opened.AccountId;
            }
        }
        var missing = wallets.Count(w => w.AccountId == 0);
        if (missing > 0)
            throw new InvalidOperationException($"{missing} of {count} demo wallets could not open an account");

        var fund = new List<TxRequest>();
        foreach (var w in wallets)
            Populate(w, fund);
        await sender.SendAllAsync(fund, ct);
        return wallets;
    }

    private void Populate(DemoWallet w, List<TxRequest> txs)
    {
        // ~10% hold no USDC: fees and losses put them in quote debt, which liquidateCollateral repays.
        var usdc = rng.NextDouble() < 0.1 ? 0 : 2_000 + rng.NextDouble() * 48_000;
        var weth = usdc == 0 || rng.NextDouble() < 0.5 ? 0.5 + rng.NextDouble() * 9.5 : 0;
        var wbtc = rng.NextDouble() < 0.3 ? 0.02 + rng.NextDouble() * 0.5 : 0;
        if (usdc > 0)
            txs.Add(Deposit(w, D.Usdc, DemoMath.Units(usdc, 6)));
        if (weth > 0)
            txs.Add(Deposit(w, D.Weth, DemoMath.Units(weth, 18)));
        if (wbtc > 0)
            txs.Add(Deposit(w, D.Wbtc, DemoMath.Units(wbtc, 8)));
        var equity = usdc + 0.85 * (weth * StartPrices[0] + wbtc * StartPrices[1]);
        var legs = w.Mode == MarginMode.Isolated ? 1 : 1 + rng.Next(3);
        var leverage = 1.5 + rng.NextDouble() * 4.5;
        foreach (var market in Enumerable.Range(1, 3).OrderBy(_ => rng.Next()).Take(legs))
        {
            var notional = equity * leverage / legs / (market == 3 ? 2 : 1);
            var longs = market == 3 ? 0.5 : 0.75;
            var units = notional / StartPrices[market - 1] * (rng.NextDouble() < longs ? 1 : -1);
            if (w.Mode == MarginMode.Portfolio && market == 1 && weth > 0 && rng.NextDouble() < 0.5)
                units = -weth * (0.8 + 0.4 * rng.NextDouble()); // basis trade: short the perp against WETH collateral
            txs.Add(Trade(w, market, units));
        }
    }

    public TxRequest Trade(DemoWallet w, int market, double units)
    {
        if (!w.Markets.Contains(market))
            w.Markets.Add(market);
        return new TxRequest(w, D.Engine, E.TradeFunction.Encode(w.AccountId, (ulong)market, DemoMath.Size(units), units > 0 ? DemoMath.MaxUint : default), 600_000, "trade");
    }

    /// <summary>A small random trade by a random wallet (activity during the walk); ISOLATED wallets stay in their market.</summary>
    public TxRequest RandomTrade(IReadOnlyList<DemoWallet> wallets)
    {
        var w = wallets[rng.Next(wallets.Count)];
        var market = w.Mode == MarginMode.Isolated && w.Markets.Count > 0 ? w.Markets[0] : 1 + rng.Next(3);
        var units = (500 + rng.NextDouble() * 4_500) / StartPrices[market - 1] * (rng.NextDouble() < 0.5 ? 1 : -1);
        return Trade(w, market, units);
    }

    private TxRequest Deposit(DemoWallet w, Address token, UInt256 amount) =>
        new(w, D.Engine, E.DepositFunction.Encode(w.AccountId, token, amount), 200_000, "deposit");
}
