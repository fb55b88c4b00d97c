using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Analytics;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Tests.Fixtures;
using Xunit.Abstractions;

namespace CrossMargin.Risk.Tests.Chain;

/// <summary>
/// What-if trades the contract refuses before its margin check: BTC-PERP's open-interest cap is set (updateMarket,
/// inside evm_snapshot/evm_revert) just below, then just above, the current |net size|; every seeded account's BTC trades
/// that grow |net| a little or past the cap, shrink it, or flip it one wei past / exactly onto the cap, plus every
/// ISOLATED account's trade in a second market, are predicted by <see cref="WhatIf.Trade"/> and eth_called from the accounts' owner: the verdicts must agree
/// (Accepted ⇔ the call succeeds; each refusal ⇔ that custom error).
/// </summary>
[Collection(SmallDevnetCollection.Name)]
public sealed class WhatIfRefusalOnChainTests(SmallDevnet devnet, ITestOutputHelper output)
{
    private const int Btc = 2;
    private static readonly BigInteger MaxUint = BigInteger.Pow(2, 256) - 1;

    [Fact]
    public async Task WhatIfTrade_RefusalsMatchEthCallOfTheTrade()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var d = devnet.Devnet;
        var snapshot = await devnet.Rpc.SendAsync(AnvilRequests.Snapshot(), ct);
        try
        {
            await devnet.Seeder.SetPricesAsync([2_000, 60_000, 150], ct);
            var net = (await LoadAsync(ct)).NetSize[Btc];
            Assert.True((BigInteger)net.UnsignedAbs > DevnetOwner.Wad, $"seeded BTC net size {net} too small for a cap below it");
            var predicted = new List<TradeOutcome>();
            // A cap cut below the current |net| (only trades that shrink it pass), then a cap just above it.
            foreach (var cap in new[] { (BigInteger)net.UnsignedAbs - DevnetOwner.Wad / 2, (BigInteger)net.UnsignedAbs + DevnetOwner.Wad / 2 })
                predicted.AddRange(await CompareAsync(net, cap, ct));
            var counts = predicted.GroupBy(o => o.Verdict).ToDictionary(g => g.Key, g => g.Count());
            output.WriteLine($"{predicted.Count} trades: {string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"))}; all equal to eth_call");
            foreach (var v in new[] { TradeVerdict.Accepted, TradeVerdict.InsufficientMargin, TradeVerdict.IsolatedMarketTaken, TradeVerdict.OpenInterestCapExceeded })
                Assert.True(counts.GetValueOrDefault(v) > 0, $"no {v} among the trades");
        }
        finally
        {
            Assert.True(await devnet.Rpc.SendAsync(AnvilRequests.Revert(snapshot), ct), "evm_revert failed");
        }
    }

    private async Task<List<TradeOutcome>> CompareAsync(Int256 net, BigInteger cap, CancellationToken ct)
    {
        var d = devnet.Devnet;
        object[] btcMarket = [d.BtcFeed.ToArray(), 86_400, DevnetOwner.Frac(0.1), DevnetOwner.Frac(0.05), DevnetOwner.Frac(0.1), DevnetOwner.Frac(0.01), DevnetOwner.Frac(0.0005), cap];
        await d.SendAsync(d.Engine, Artifacts.Engine.GetFunction("updateMarket").EncodeCall(Btc, (object)btcMarket), ct);
        var book = await LoadAsync(ct);
        Assert.Equal((UInt256)cap, book.Parameters.Market(Btc).MaxOpenInterest);
        var px = book.Prices();
        var side = net.IsNegative ? BigInteger.MinusOne : BigInteger.One;
        var trades = new List<(AccountState Account, int Market, BigInteger Delta)>();
        foreach (var a in book.Accounts.Values.Where(a => a.Id <= SmallDevnet.Accounts).OrderBy(a => a.Id))
        {
            trades.Add((a, Btc, side * (DevnetOwner.Wad * 3 / 10 + a.Id)));             // grows |net| a little
            trades.Add((a, Btc, side * (DevnetOwner.Wad * 7 / 10 + a.Id)));             // grows it past the upper cap
            trades.Add((a, Btc, -side * (DevnetOwner.Wad * 3 / 10 + a.Id)));            // shrinks it
            trades.Add((a, Btc, -(BigInteger)net - side * (cap + 1)));             // flips the net one wei past the cap
            trades.Add((a, Btc, -(BigInteger)net - side * cap));                   // flips it exactly onto the cap
            if (a.Mode == MarginMode.Isolated && a.MarketMask != 0)
            {
                var other = (a.MarketMask & (1UL << 1)) != 0 ? 3 : 1;
                trades.Add((a, other, -DevnetOwner.Wad / 100 - a.Id));                  // a second market
            }
        }
        var predicted = trades.Select(t => WhatIf.Trade(t.Account, book.Parameters, px, t.Market, (Int256)t.Delta, book.NetSize[t.Market])).ToList();
        var calls = trades.Select(t => new CallRequest
        {
            From = devnet.Seeder.Caller,
            To = d.Engine,
            Data = Artifacts.Engine.GetFunction("trade").EncodeCall(t.Account.Id, t.Market, t.Delta, t.Delta.Sign > 0 ? MaxUint : BigInteger.Zero),
        }).ToList();
        var reverts = await ChainCalls.RevertsAsync(devnet.Rpc, calls, ct);
        for (var i = 0; i < trades.Count; i++)
        {
            var expected = reverts[i] is { } reason ? reason[..reason.IndexOf('(')] : nameof(TradeVerdict.Accepted);
            var (a, market, delta) = trades[i];
            Assert.True(expected == predicted[i].Verdict.ToString(),
                $"cap {cap}, net {net}: account {a.Id} ({a.Mode}, markets {a.MarketMask:b}) trade {delta} on {market}: predicted {predicted[i].Verdict}, contract {reverts[i] ?? "accepted"}");
            Assert.Equal(predicted[i].Verdict is TradeVerdict.Accepted or TradeVerdict.InsufficientMargin, predicted[i].After is not null);
        }
        return predicted;
    }

    private async Task<RiskBook> LoadAsync(CancellationToken ct) =>
        (await new ChainLoader(devnet.Rpc, Artifacts.Engine, Artifacts.Aggregator).LoadAsync(devnet.Devnet.Engine, await devnet.Rpc.BlockNumberAsync(ct), ct)).Book;
}
