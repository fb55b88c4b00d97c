using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Screening;
using CrossMargin.Risk.Tests.Fixtures;

namespace CrossMargin.Risk.Tests.Events;

/// <summary>
/// Reorgs on a real Anvil: the book follows branch A, the chain is reverted to the fork point (evm_revert) and branch B
/// is mined instead (other prices, trades, a new account, a parameter change). The book after following B — by the
/// head/ancestor walk, or by removed logs — must equal a fresh <see cref="ChainLoader"/> load of the new chain.
/// </summary>
[Collection(SmallDevnetCollection.Name)]
public sealed class ReorgOnChainTests(SmallDevnet devnet)
{
    private static readonly BigInteger MaxUint = BigInteger.Pow(2, 256) - 1;

    [Fact]
    public async Task Follower_AfterReorg_BookEqualsFreshLoad()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var (mirror, book) = await LoadAsync(ct);
        var follower = new ChainFollower(devnet.Rpc, mirror, book);
        Assert.Equal(FollowResult.UpToDate, await follower.SyncAsync(ct));
        var fork = await devnet.Rpc.SendAsync(AnvilRequests.Snapshot(), ct);

        await BranchAsync(book.Book, eth: 1_300, btc: 58_000, correlation: 0.3, trades: 6, newAccounts: 2, ct);
        Assert.Equal(FollowResult.Applied, await follower.SyncAsync(ct));
        await AssertEqualsFreshLoadAsync(book, follower.Synced, ct);
        var tipA = follower.Synced;

        Assert.True(await devnet.Rpc.SendAsync(AnvilRequests.Revert(fork), ct), "evm_revert failed");
        // Branch B is shorter than A: the walk must skip A's blocks above B's head.
        await BranchAsync(book.Book, eth: 2_100, btc: 41_000, correlation: -0.2, trades: 2, newAccounts: 1, ct);
        Assert.True(await devnet.Rpc.BlockNumberAsync(ct) < tipA, "branch B should be shorter than branch A");
        Assert.Equal(FollowResult.RolledBack, await follower.SyncAsync(ct));
        await AssertEqualsFreshLoadAsync(book, follower.Synced, ct);
        Assert.NotEmpty(book.Liquidatable());
        await SetBasePricesAsync(ct);
    }

    [Fact]
    public async Task RemovedLogs_RollBackToTheForkAndEqualFreshLoad()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var (mirror, book) = await LoadAsync(ct);
        var start = await devnet.Rpc.GetBlockByNumberAsync(mirror.LastBlock, ct);
        book.Seal(start!.Number, start.Hash);
        var fork = await devnet.Rpc.SendAsync(AnvilRequests.Snapshot(), ct);
        await BranchAsync(book.Book, eth: 1_250, btc: 70_000, correlation: 0.1, trades: 5, newAccounts: 3, ct);
        var branchA = await LogsAfterAsync(mirror, mirror.LastBlock, ct);
        foreach (var log in branchA)
            book.Apply(log);

        Assert.True(await devnet.Rpc.SendAsync(AnvilRequests.Revert(fork), ct), "evm_revert failed");
        await BranchAsync(book.Book, eth: 1_800, btc: 45_000, correlation: 0.9, trades: 7, newAccounts: 1, ct);
        // What a subscription delivers on a reorg: the dropped logs again with removed = true, then the new ones.
        foreach (var log in branchA.AsEnumerable().Reverse())
            Assert.Equal(RiskChangeKind.Rollback, book.Apply(log with { Removed = true }).Kind);
        foreach (var log in await LogsAfterAsync(mirror, mirror.LastBlock, ct))
            book.Apply(log);
        await AssertEqualsFreshLoadAsync(book, await devnet.Rpc.BlockNumberAsync(ct), ct);
        await SetBasePricesAsync(ct);
    }

    [Fact]
    public async Task Follower_ReorgDeeperThanJournal_AsksForReload()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var ct = cts.Token;
        var mirror = await new ChainLoader(devnet.Rpc, Artifacts.Engine, Artifacts.Aggregator).LoadAsync(devnet.Devnet.Engine, await devnet.Rpc.BlockNumberAsync(ct), ct);
        var book = new LiquidationBook(mirror.Applier, reorgDepth: 3);
        var follower = new ChainFollower(devnet.Rpc, mirror, book);
        Assert.Equal(FollowResult.UpToDate, await follower.SyncAsync(ct));
        var fork = await devnet.Rpc.SendAsync(AnvilRequests.Snapshot(), ct);
        for (var i = 0; i < 5; i++)
        {
            await devnet.Devnet.SetPriceAsync(devnet.Devnet.EthFeed, (1_900 + i) * 100_000_000L, ct);
            Assert.Equal(FollowResult.Applied, await follower.SyncAsync(ct));
        }
        Assert.True(await devnet.Rpc.SendAsync(AnvilRequests.Revert(fork), ct), "evm_revert failed");
        await devnet.Devnet.SetPriceAsync(devnet.Devnet.EthFeed, 1_700 * 100_000_000L, ct);
        Assert.Equal(FollowResult.ReloadNeeded, await follower.SyncAsync(ct));
        await SetBasePricesAsync(ct);
    }

    private async Task<(ChainMirror Mirror, LiquidationBook Book)> LoadAsync(CancellationToken ct)
    {
        var mirror = await new ChainLoader(devnet.Rpc, Artifacts.Engine, Artifacts.Aggregator).LoadAsync(devnet.Devnet.Engine, await devnet.Rpc.BlockNumberAsync(ct), ct);
        return (mirror, new LiquidationBook(mirror.Applier));
    }

    /// <summary>One block per action: price moves, a correlation change, new CROSS accounts (deposit + trade), and
    /// trades of seeded accounts through their owner (the BatchCaller).</summary>
    private async Task BranchAsync(RiskBook seen, double eth, double btc, double correlation, int trades, int newAccounts, CancellationToken ct)
    {
        var d = devnet.Devnet;
        var e = Artifacts.Engine;
        await d.SetPriceAsync(d.EthFeed, new BigInteger(eth * 1e8), ct);
        await d.SendAsync(d.Engine, e.GetFunction("setCorrelation").EncodeCall(1, 2, DevnetOwner.Frac(correlation)), ct);
        await d.SendAsync(d.Usdc, Artifacts.Erc20.GetFunction("mint").EncodeCall(Address.Parse(d.Deployer).ToArray(), 50_000 * BigInteger.Pow(10, 6)), ct);
        for (var k = 0; k < newAccounts; k++)
        {
            var opened = await d.SendAsync(d.Engine, e.GetFunction("openAccount").EncodeCall(1), ct);
            Assert.True(e.TryDecodeLog(opened.Logs[0].Topics.Select(t => t.ToArray()).ToArray(), opened.Logs[0].Data, out var log), "AccountOpened");
            var id = (BigInteger)log["accountId"];
            await d.SendAsync(d.Engine, e.GetFunction("deposit").EncodeCall(id, d.Usdc.ToArray(), 5_000 * BigInteger.Pow(10, 6)), ct);
            await d.SendAsync(d.Engine, e.GetFunction("trade").EncodeCall(id, 2, DevnetOwner.Wad / 3, MaxUint), ct);
        }
        var owned = seen.Accounts.Values.Where(a => a.MarketMask != 0 && a.Id <= SmallDevnet.Accounts).OrderBy(a => a.Id).Take(trades).ToList();
        foreach (var a in owned)
        {
            var market = System.Numerics.BitOperations.TrailingZeroCount(a.MarketMask);
            var delta = -(BigInteger)a.Positions[market].Size / 3;
            var call = e.GetFunction("trade").EncodeCall(a.Id, market, delta, delta.Sign > 0 ? MaxUint : BigInteger.Zero);
            await d.SendAsync(devnet.Seeder.Caller, Artifacts.BatchCaller.GetFunction("run").EncodeCall(new object[] { d.Engine.ToArray() }, new object[] { call }), ct);
        }
        await d.SetPriceAsync(d.BtcFeed, new BigInteger(btc * 1e8), ct);
    }

    private async Task<List<LogEntry>> LogsAfterAsync(ChainMirror mirror, ulong block, CancellationToken ct)
    {
        var head = await devnet.Rpc.BlockNumberAsync(ct);
        var logs = await devnet.Rpc.GetLogsAsync(new LogFilter { Addresses = mirror.Addresses }.WithRange(block + 1, head), ct);
        return [.. logs.OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex)];
    }

    private Task SetBasePricesAsync(CancellationToken ct) => devnet.Seeder.SetPricesAsync([2_000, 60_000, 150], ct);

    private async Task AssertEqualsFreshLoadAsync(LiquidationBook book, ulong head, CancellationToken ct)
    {
        var fresh = await new ChainLoader(devnet.Rpc, Artifacts.Engine, Artifacts.Aggregator).LoadAsync(devnet.Devnet.Engine, head, ct);
        BookAssert.Equal(fresh.Book, book.Book);
        var expected = new LiquidationBook(fresh.Applier).Liquidatable();
        var actual = book.Liquidatable();
        Assert.Equal(expected.Select(a => (a.Id, a.Health)), actual.Select(a => (a.Id, a.Health)));
    }
}
