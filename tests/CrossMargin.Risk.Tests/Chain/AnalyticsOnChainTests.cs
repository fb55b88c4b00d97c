using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Analytics;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Tests.Fixtures;
using Xunit.Abstractions;

namespace CrossMargin.Risk.Tests.Chain;

/// <summary>
/// The analytics against the real contract: a what-if trade equals the trade executed on Anvil (inside
/// evm_snapshot/evm_revert); the liquidation price flips the contract's verdict between P and one answer unit towards
/// the current price; a stress scenario equals healthBatch with the feeds moved.
/// </summary>
[Collection(SeededDevnetCollection.Name)]
public sealed class AnalyticsOnChainTests(SeededDevnet devnet, ITestOutputHelper output)
{
    private static readonly double[] Base = [2_000, 60_000, 150];
    private static readonly BigInteger MaxUint = BigInteger.Pow(2, 256) - 1;

    [Fact]
    public async Task WhatIfTrade_EqualsTradeExecutedOnAnvil()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var (book, px) = await AtPricesAsync([1_900, 62_000, 140], ct);
        var rng = new Random(11);
        var sample = book.Accounts.Values.OrderBy(a => a.Id).GroupBy(a => a.Mode).SelectMany(g => g.Take(60)).ToList();
        var trades = new List<(AccountState Account, int Market, Int256 Delta, TradeOutcome Outcome)>();
        foreach (var a in sample)
        {
            int market = a.Mode == MarginMode.Isolated && a.MarketMask != 0
                ? System.Numerics.BitOperations.TrailingZeroCount(a.MarketMask) : 1 + rng.Next(3);
            var size = (BigInteger)a.Positions[market].Size;
            double[] units = [1e18, 1e16, 1e19];
            // Open, increase, partial close, flip — odd-wei sizes.
            var delta = size.IsZero || rng.Next(4) == 0
                ? new BigInteger((rng.NextDouble() * 2 - 1) * units[market - 1]) + rng.Next(1_000_000)
                : rng.Next(3) switch { 0 => size / 3, 1 => -size / 2, _ => -size * 3 / 2 } + rng.Next(1_000);
            if (rng.Next(6) == 0)
                delta *= 40; // an over-levered trade: some must be refused by _enforceMargin
            if (delta.IsZero)
                continue;
            trades.Add((a, market, (Int256)delta, WhatIf.Trade(a, book.Parameters, px, market, (Int256)delta, book.NetSize[market])));
        }
        var engine = Artifacts.Engine;
        var targets = trades.Select(_ => (object)devnet.Devnet.Engine.ToArray()).ToArray();
        var data = trades.Select(t => (object)engine.GetFunction("trade").EncodeCall(t.Account.Id, t.Market, (BigInteger)t.Delta, t.Delta.IsNegative ? BigInteger.Zero : MaxUint)).ToArray();
        var snapshot = await devnet.Rpc.SendAsync(AnvilRequests.Snapshot(), ct);
        Health[] after;
        TransactionReceipt receipt;
        try
        {
            receipt = await devnet.Devnet.SendAsync(devnet.Seeder.Caller, Artifacts.BatchCaller.GetFunction("run").EncodeCall(targets, data), ct, gas: 900_000_000);
            after = await ChainHealth.ReadAsync(devnet.Rpc, devnet.Devnet.Engine, trades.Select(t => t.Account.Id).ToArray(), ct);
        }
        finally
        {
            Assert.True(await devnet.Rpc.SendAsync(AnvilRequests.Revert(snapshot), ct), "evm_revert failed");
        }
        var executed = new Dictionary<ulong, (BigInteger Fee, BigInteger Pnl)>();
        foreach (var log in receipt.Logs)
        {
            if (engine.TryDecodeLog(log.Topics.Select(t => t.ToArray()).ToArray(), log.Data, out var e) && e.Event.Name == "PositionUpdated")
                executed[(ulong)(BigInteger)e["accountId"]] = ((BigInteger)e["fee"], (BigInteger)e["realizedPnl"]);
        }
        int accepted = 0;
        for (var i = 0; i < trades.Count; i++)
        {
            var (a, market, delta, o) = trades[i];
            var what = $"account {a.Id} ({a.Mode}) trade {delta} on market {market}";
            if (o.Accepted)
            {
                accepted++;
                Assert.True(executed.TryGetValue(a.Id, out var ev), $"{what}: predicted accepted, the contract refused it");
                Assert.True(ev.Fee == (BigInteger)o.Fee && ev.Pnl == (BigInteger)o.RealizedPnl, $"{what}: fee/PnL {ev} vs predicted {o.Fee}/{o.RealizedPnl}");
                Assert.True(after[i] == o.After, $"{what}: health after {after[i]} vs predicted {o.After}");
            }
            else
            {
                Assert.Equal(TradeVerdict.InsufficientMargin, o.Verdict);
                Assert.False(executed.ContainsKey(a.Id), $"{what}: predicted refused (margin), the contract accepted it");
                Assert.True(after[i] == HealthCalculator.Compute(a, book.Parameters, px), $"{what}: refused trade changed health");
            }
        }
        Assert.True(accepted > trades.Count / 2 && accepted < trades.Count, $"accepted {accepted} of {trades.Count}: both outcomes should occur");
        output.WriteLine($"what-if trades {trades.Count} ({string.Join(", ", trades.GroupBy(t => t.Account.Mode).Select(g => $"{g.Key} {g.Count()}"))}), accepted {accepted}, refused {trades.Count - accepted}: all equal to the contract");
    }

    [Fact]
    public async Task LiquidationPrice_FlipsContractVerdictWithinOneAnswerUnit()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var (book, px) = await AtPricesAsync(Base, ct);
        var p = book.Parameters;
        Address[] feeds = [devnet.Devnet.EthFeed, devnet.Devnet.BtcFeed, devnet.Devnet.SolFeed];
        var checkedModes = new Dictionary<MarginMode, int>();
        int below = 0, above = 0;
        try
        {
            foreach (var a in book.Accounts.Values.OrderBy(a => a.Id).Where(a => a.MarketMask != 0).GroupBy(a => a.Mode).SelectMany(g => g.Take(10)))
            {
                int market = 1 + (int)(a.Id % 3);
                if ((a.MarketMask & (1UL << market)) == 0)
                    market = System.Numerics.BitOperations.TrailingZeroCount(a.MarketMask);
                if (LiquidationPrice.Find(a, p, px, market) is not { } price || price == px.Market[market])
                    continue;
                var unit = BigInteger.Pow(10, 10);
                var answer = (BigInteger)price / unit;
                Assert.Equal((BigInteger)price, answer * unit);
                var safe = price < px.Market[market] ? answer + 1 : answer - 1;
                if (price < px.Market[market]) below++; else above++;
                await devnet.Devnet.SetPriceAsync(feeds[market - 1], answer, ct);
                var at = (await ChainHealth.ReadAsync(devnet.Rpc, devnet.Devnet.Engine, [a.Id], ct))[0];
                await devnet.Devnet.SetPriceAsync(feeds[market - 1], safe, ct);
                var beside = (await ChainHealth.ReadAsync(devnet.Rpc, devnet.Devnet.Engine, [a.Id], ct))[0];
                await devnet.Devnet.SetPriceAsync(feeds[market - 1], new BigInteger(Base[market - 1] * 1e8), ct);
                Assert.True(at.IsLiquidatable, $"account {a.Id} ({a.Mode}) market {market}: not liquidatable on-chain at {answer}");
                Assert.False(beside.IsLiquidatable, $"account {a.Id} ({a.Mode}) market {market}: liquidatable on-chain at {safe}");
                checkedModes[a.Mode] = checkedModes.GetValueOrDefault(a.Mode) + 1;
            }
        }
        finally
        {
            await devnet.Seeder.SetPricesAsync(Base, ct);
        }
        Assert.True(checkedModes.Count == 3, $"modes checked: {string.Join(", ", checkedModes)}");
        output.WriteLine($"liquidation prices checked {checkedModes.Values.Sum()} ({string.Join(", ", checkedModes.Select(kv => $"{kv.Key} {kv.Value}"))}); below current {below}, above {above}");
    }

    public static TheoryData<double, double, double> Shocks => new() { { 0.7, 0.85, 0.5 }, { 1.3, 0.6, 3 } };

    [Theory]
    [MemberData(nameof(Shocks))]
    public async Task StressTest_EqualsHealthBatchWithFeedsMoved(double eth, double btc, double sol)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var (book, px) = await AtPricesAsync(Base, ct);
        var shocks = new Dictionary<int, UInt256> { [1] = Frac(eth), [2] = Frac(btc), [3] = Frac(sol) };
        var shocked = StressTest.Shock(px, book.Parameters, shocks);
        await devnet.Seeder.SetPricesAsync([ToUsd(shocked.Market[1]), ToUsd(shocked.Market[2]), ToUsd(shocked.Market[3])], ct);
        var ids = book.Accounts.Keys.Order().ToArray();
        var onChain = await ChainHealth.ReadAsync(devnet.Rpc, devnet.Devnet.Engine, ids, ct);
        int mismatches = 0, liquidatable = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var mine = StressTest.Run(book.Account(ids[i]), book.Parameters, px, shocks);
            if (mine != onChain[i] && mismatches++ < 5)
                output.WriteLine($"MISMATCH account {ids[i]}: chain {onChain[i]} vs stress {mine}");
            if (mine.IsLiquidatable) liquidatable++;
        }
        await devnet.Seeder.SetPricesAsync(Base, ct);
        output.WriteLine($"shock ETH×{eth} BTC×{btc} SOL×{sol}: {ids.Length} accounts, liquidatable {liquidatable}, mismatches {mismatches}");
        Assert.Equal(0, mismatches);
    }

    private static UInt256 Frac(double f) => (UInt256)DevnetOwner.Frac(f);

    /// <summary>The shocked WAD price back to USD for SetPricesAsync; asserts it lies on the 8-decimal grid (no rounding).</summary>
    private static double ToUsd(UInt256 wad)
    {
        var w = (BigInteger)wad;
        Assert.True(w % BigInteger.Pow(10, 10) == 0, $"shocked price {w} is not on the feed grid");
        return (double)(w / BigInteger.Pow(10, 10)) / 1e8;
    }

    private async Task<(RiskBook, PriceSet)> AtPricesAsync(double[] prices, CancellationToken ct)
    {
        await devnet.Seeder.SetPricesAsync(prices, ct);
        var loader = new ChainLoader(devnet.Rpc, Artifacts.Engine, Artifacts.Aggregator);
        var mirror = await loader.LoadAsync(devnet.Devnet.Engine, await devnet.Rpc.BlockNumberAsync(ct), ct);
        return (mirror.Book, mirror.Book.Prices());
    }
}
