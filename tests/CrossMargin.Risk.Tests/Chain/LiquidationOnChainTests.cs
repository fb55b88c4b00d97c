using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Tests.Fixtures;
using Xunit.Abstractions;

namespace CrossMargin.Risk.Tests.Chain;

/// <summary>
/// The minimal fraction / repay from the C# search is accepted by the real contract (eth_call of liquidate /
/// liquidateCollateral from a keeper does not revert) and one step less reverts — for a sample of liquidatable
/// accounts in every mode, at a crash price point.
/// </summary>
[Collection(SeededDevnetCollection.Name)]
public sealed class LiquidationOnChainTests(SeededDevnet devnet, ITestOutputHelper output)
{
    private const int SamplePerMode = 60;

    [Theory]
    [InlineData(1_000, 30_000, 60)]
    [InlineData(2_600, 75_000, 190)]
    public async Task MinimalFraction_AcceptedByContract_OneLessReverts(double eth, double btc, double sol)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (book, px) = await AtPricesAsync([eth, btc, sol], cts.Token);
        var f = Artifacts.Engine.GetFunction("liquidate");
        var sample = Sample(book, px, a => a.MarketMask != 0);
        var calls = new List<CallRequest>();
        var fractions = new List<UInt256>();
        var none = new List<CallRequest>();
        foreach (var a in sample.ToArray())
        {
            var fraction = LiquidationPlanner.MinimalFraction(a, book.Parameters, px);
            if (fraction is null)
            {
                // No fraction is accepted (e.g. even a full close leaves surplus above the tolerance): the contract must agree.
                sample.Remove(a);
                for (var k = 1; k <= 16; k++)
                    none.Add(Call(f.EncodeCall(a.Id, (BigInteger)Math.WadMath.Wad * k / 16)));
                continue;
            }
            fractions.Add(fraction.Value);
            calls.Add(Call(f.EncodeCall(a.Id, (BigInteger)fraction.Value)));
            calls.Add(Call(f.EncodeCall(a.Id, (BigInteger)fraction.Value - 1)));
        }
        var reverts = await ChainCalls.RevertsAsync(devnet.Rpc, calls, cts.Token);
        for (var i = 0; i < sample.Count; i++)
        {
            Assert.True(reverts[2 * i] is null, $"account {sample[i].Id} ({sample[i].Mode}): fraction {fractions[i]} reverted: {reverts[2 * i]}");
            Assert.True(reverts[2 * i + 1] is not null, $"account {sample[i].Id} ({sample[i].Mode}): fraction {fractions[i]} − 1 was accepted");
        }
        var noneReverts = await ChainCalls.RevertsAsync(devnet.Rpc, none, cts.Token);
        Assert.All(noneReverts, r => Assert.NotNull(r));
        output.WriteLine($"accounts without an accepted fraction {none.Count / 16} (contract rejects 16/16 probes each); checked {sample.Count} accounts ({string.Join(", ", sample.GroupBy(a => a.Mode).Select(g => $"{g.Key} {g.Count()}"))}); " +
            $"full closes {fractions.Count(x => x == Math.WadMath.Wad)}");
    }

    [Fact]
    public async Task MinimalRepay_AcceptedByContract_OneLessReverts()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await FundKeeperAsync(cts.Token);
        var (book, px) = await AtPricesAsync([1_200, 40_000, 40], cts.Token);
        var f = Artifacts.Engine.GetFunction("liquidateCollateral");
        var sample = Sample(book, px, a => a.QuoteBalance.IsNegative && a.CollateralMask != 0);
        var calls = new List<CallRequest>();
        var repays = new List<UInt256>();
        var checkedAccounts = new List<AccountState>();
        foreach (var a in sample)
        {
            int ci = System.Numerics.BitOperations.TrailingZeroCount((uint)a.CollateralMask);
            if (LiquidationPlanner.MinimalRepay(a, book.Parameters, px, ci) is not { } repay)
                continue;
            var asset = book.Parameters.Collateral(ci).Asset.ToArray();
            checkedAccounts.Add(a);
            repays.Add(repay);
            calls.Add(Call(f.EncodeCall(a.Id, asset, (BigInteger)repay)));
            calls.Add(repay > UInt256.One ? Call(f.EncodeCall(a.Id, asset, (BigInteger)repay - 1)) : Call(f.EncodeCall(a.Id, asset, BigInteger.Zero)));
        }
        Assert.NotEmpty(checkedAccounts);
        var reverts = await ChainCalls.RevertsAsync(devnet.Rpc, calls, cts.Token);
        for (var i = 0; i < checkedAccounts.Count; i++)
        {
            Assert.True(reverts[2 * i] is null, $"account {checkedAccounts[i].Id}: repay {repays[i]} reverted: {reverts[2 * i]}");
            Assert.True(reverts[2 * i + 1] is not null, $"account {checkedAccounts[i].Id}: repay {repays[i]} − 1 was accepted");
        }
        output.WriteLine($"checked {checkedAccounts.Count} collateral liquidations");
    }

    private CallRequest Call(byte[] data) => new() { From = Address.Parse(devnet.Keeper), To = devnet.Devnet.Engine, Data = data, Gas = 30_000_000 };

    private static List<AccountState> Sample(RiskBook book, PriceSet px, Func<AccountState, bool> filter) =>
        book.Accounts.Values.OrderBy(a => a.Id)
            .Where(a => filter(a) && HealthCalculator.Compute(a, book.Parameters, px).IsLiquidatable)
            .GroupBy(a => a.Mode).SelectMany(g => g.Take(SamplePerMode)).ToList();

    private async Task<(RiskBook, PriceSet)> AtPricesAsync(double[] prices, CancellationToken ct)
    {
        await devnet.Seeder.SetPricesAsync(prices, ct);
        var loader = new ChainLoader(devnet.Rpc, Artifacts.Engine, Artifacts.Aggregator);
        var mirror = await loader.LoadAsync(devnet.Devnet.Engine, await devnet.Rpc.BlockNumberAsync(ct), ct);
        return (mirror.Book, mirror.Book.Prices());
    }

    private async Task FundKeeperAsync(CancellationToken ct)
    {
        var erc = Artifacts.Erc20;
        await devnet.Devnet.SendAsync(devnet.Devnet.Usdc, erc.GetFunction("mint").EncodeCall(Address.Parse(devnet.Keeper).ToArray(), BigInteger.Pow(10, 20)), ct);
        var hash = await devnet.Rpc.SendTransactionAsync(new CallRequest
        {
            From = Address.Parse(devnet.Keeper), To = devnet.Devnet.Usdc, Gas = 100_000,
            Data = erc.GetFunction("approve").EncodeCall(devnet.Devnet.Engine.ToArray(), BigInteger.Pow(2, 256) - 1),
        }, ct);
        while (await devnet.Rpc.GetTransactionReceiptAsync(hash, ct) is null)
            await Task.Delay(2, ct);
    }
}
