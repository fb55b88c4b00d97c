using System.Numerics;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.TestKit;

/// <summary>
/// Seeds many accounts through the test-only BatchCaller (one transaction per <see cref="AccountsPerTx"/> accounts):
/// open in every mode, deposit USDC/WETH/WBTC, open 1–3 positions with random odd-wei sizes and leverage, and for some
/// accounts trade again (increase, partial close, flip) at a moved price. Calls the engine refuses are skipped.
/// </summary>
public sealed class BookSeeder(DevnetOwner devnet, int seed)
{
    public const int AccountsPerTx = 100;
    private static readonly BigInteger MaxUint = BigInteger.Pow(2, 256) - 1;
    private readonly Random _rng = new(seed);
    private Address _caller;

    /// <summary>The BatchCaller: owner of every seeded account (trades for them go through <c>run</c>).</summary>
    public Address Caller => _caller;

    public async Task<Address> SeedAsync(int accounts, CancellationToken ct)
    {
        _caller = await devnet.DeployAsync(Artifacts.BatchCaller, ct);
        var erc = Artifacts.Erc20;
        foreach (var token in new[] { devnet.Usdc, devnet.Weth, devnet.Wbtc })
            await devnet.SendAsync(token, erc.GetFunction("mint").EncodeCall(_caller.ToArray(), BigInteger.Pow(10, 40)), ct);
        var setup = new List<(Address, byte[])>();
        foreach (var token in new[] { devnet.Usdc, devnet.Weth, devnet.Wbtc })
            setup.Add((token, erc.GetFunction("approve").EncodeCall(devnet.Engine.ToArray(), MaxUint)));
        await RunAsync(setup, ct);
        double[] prices = [2_000, 60_000, 150];
        ulong nextId = 1;
        for (var start = 0; start < accounts; start += AccountsPerTx)
        {
            if (start % (AccountsPerTx * 10) == 0 && start > 0)
            {
                // Move prices between phases so entry prices (open notional) differ across accounts.
                for (var m = 0; m < 3; m++)
                    prices[m] *= 0.9 + 0.2 * _rng.NextDouble();
                await SetPricesAsync(prices, ct);
            }
            var calls = new List<(Address, byte[])>();
            for (var k = start; k < System.Math.Min(accounts, start + AccountsPerTx); k++)
                AddAccount(calls, nextId++, k % 3, prices);
            await RunAsync(calls, ct);
        }
        await SetPricesAsync([2_000, 60_000, 150], ct);
        return _caller;
    }

    public async Task SetPricesAsync(double[] usd, CancellationToken ct)
    {
        Address[] feeds = [devnet.EthFeed, devnet.BtcFeed, devnet.SolFeed];
        for (var m = 0; m < 3; m++)
            await devnet.SetPriceAsync(feeds[m], new BigInteger(usd[m] * 1e8), ct);
    }

    private void AddAccount(List<(Address, byte[])> calls, ulong id, int mode, double[] prices)
    {
        var e = Artifacts.Engine;
        calls.Add((devnet.Engine, e.GetFunction("openAccount").EncodeCall(mode)));
        // Some accounts hold no USDC: their trading fees put them in quote debt (for liquidateCollateral).
        bool noUsdc = _rng.NextDouble() < 0.12;
        double usdc = noUsdc ? 0 : 200 + _rng.NextDouble() * 100_000;
        double equity = usdc;
        if (!noUsdc)
            calls.Add((devnet.Engine, e.GetFunction("deposit").EncodeCall(id, devnet.Usdc.ToArray(), new BigInteger(usdc * 1e6))));
        double weth = 0;
        if (noUsdc || _rng.NextDouble() < 0.5)
        {
            weth = 0.05 + _rng.NextDouble() * 40;
            equity += weth * prices[0] * 0.85;
            calls.Add((devnet.Engine, e.GetFunction("deposit").EncodeCall(id, devnet.Weth.ToArray(), Odd(weth, 18))));
        }
        if (_rng.NextDouble() < 0.4)
        {
            double wbtc = 0.01 + _rng.NextDouble() * 2;
            equity += wbtc * prices[1] * 0.85;
            calls.Add((devnet.Engine, e.GetFunction("deposit").EncodeCall(id, devnet.Wbtc.ToArray(), Odd(wbtc, 8))));
        }
        int legs = mode == 0 ? 1 : 1 + _rng.Next(3);
        var markets = Enumerable.Range(1, 3).OrderBy(_ => _rng.Next()).Take(legs).ToArray();
        foreach (var m in markets)
        {
            double lev = 0.2 + _rng.NextDouble() * (mode == 2 ? 9 : 7);
            double units = equity * lev / legs / prices[m - 1] * (_rng.NextDouble() < 0.5 ? -1 : 1);
            if (mode == 2 && m == 1 && weth > 0 && _rng.NextDouble() < 0.5)
                units = -weth * (0.8 + 0.4 * _rng.NextDouble()); // basis trade
            calls.Add(Trade(id, m, Odd(units, 18)));
            if (_rng.NextDouble() < 0.3)
                calls.Add(Trade(id, m, Odd(units * (-1.6 + 2.2 * _rng.NextDouble()), 18)));
        }
    }

    private (Address, byte[]) Trade(ulong id, int market, BigInteger size) =>
        (devnet.Engine, Artifacts.Engine.GetFunction("trade").EncodeCall(id, market, size, size.Sign > 0 ? MaxUint : BigInteger.Zero));

    /// <summary>A decimal amount in token units with random low digits, so every rounding is exercised.</summary>
    private BigInteger Odd(double amount, int decimals)
    {
        var whole = new BigInteger(amount * 1e6) * BigInteger.Pow(10, decimals - 6);
        return decimals > 6 ? whole + _rng.NextInt64(0, (long)System.Math.Min(long.MaxValue, System.Math.Pow(10, decimals - 6))) * System.Math.Sign(amount) : whole;
    }

    private async Task RunAsync(List<(Address Target, byte[] Data)> calls, CancellationToken ct)
    {
        var data = Artifacts.BatchCaller.GetFunction("run").EncodeCall(calls.Select(c => (object)c.Target.ToArray()).ToArray(), calls.Select(c => (object)c.Data).ToArray());
        await devnet.SendAsync(_caller, data, ct, gas: 900_000_000);
    }
}
