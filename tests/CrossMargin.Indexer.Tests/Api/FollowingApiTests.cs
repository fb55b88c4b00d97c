using System.Numerics;
using System.Text.Json;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Tests.Fixtures;

namespace CrossMargin.Indexer.Tests.Api;

/// <summary>
/// The API next to a following indexer in one process: account views are cached between commits, so these show that
/// every commit (a deposit, a price tick) reaches the next response, which still equals the chain.
/// </summary>
public sealed class FollowingApiTests
{
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task AccountDetail_AfterDepositAndPriceTick_EqualsChainAtEachCommit()
    {
        await using var f = await FollowingDevnet.StartAsync();
        var d = f.Devnet;
        await d.SendAsync(d.Engine, Artifacts.Engine.GetFunction("trade").EncodeCall(1, 1, BigInteger.Pow(10, 18), BigInteger.Pow(2, 256) - 1), default);
        await f.WaitIndexedAtHeadAsync();
        var before = await AccountAsync(f);
        await AssertHealthEqualsChainAsync(f, before);
        Assert.Equal(before.GetProperty("health").GetRawText(), (await AccountAsync(f)).GetProperty("health").GetRawText()); // served from the cache

        await f.DepositAsync(2_500);
        await f.WaitIndexedAtHeadAsync();
        var afterDeposit = await AccountAsync(f);
        Assert.NotEqual(Balance(before), Balance(afterDeposit));
        await AssertHealthEqualsChainAsync(f, afterDeposit);

        await d.SetPriceAsync(d.EthFeed, 1_900_00000000L, default);
        await f.WaitIndexedAtHeadAsync();
        var afterTick = await AccountAsync(f);
        Assert.NotEqual(afterDeposit.GetProperty("health").GetProperty("nlvMaint").GetString(), afterTick.GetProperty("health").GetProperty("nlvMaint").GetString());
        await AssertHealthEqualsChainAsync(f, afterTick);
        Assert.Equal(f.Indexer.Status.IndexedBlock, afterTick.GetProperty("indexedBlock").GetInt64());
    }

    private static string Balance(JsonElement account) =>
        account.GetProperty("balances").EnumerateArray().Single().GetProperty("balance").GetString()!;

    private static async Task<JsonElement> AccountAsync(FollowingDevnet f)
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync(new Uri(f.Api.Url, "/accounts/1")));
        return doc.RootElement.Clone();
    }

    private static async Task AssertHealthEqualsChainAsync(FollowingDevnet f, JsonElement account)
    {
        var fn = Artifacts.Engine.GetFunction("health");
        var onChain = fn.DecodeOutput(await f.Devnet.Rpc.CallAsync(new CallRequest { To = f.Devnet.Engine, Data = fn.EncodeCall(1) }, BlockParameter.Latest, default));
        var h = account.GetProperty("health");
        Assert.Equal(((BigInteger)onChain[0]).ToString(), h.GetProperty("nlvMaint").GetString());
        Assert.Equal(((BigInteger)onChain[1]).ToString(), h.GetProperty("nlvInit").GetString());
        Assert.Equal(((BigInteger)onChain[2]).ToString(), h.GetProperty("mm").GetString());
        Assert.Equal(((BigInteger)onChain[3]).ToString(), h.GetProperty("im").GetString());
    }
}
