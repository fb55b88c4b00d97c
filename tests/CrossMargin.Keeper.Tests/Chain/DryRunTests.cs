using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Tests.Fixtures;

namespace CrossMargin.Keeper.Tests.Chain;

/// <summary>Dry run: the keeper finds, plans and confirms by eth_call, reports Skipped, and sends nothing.</summary>
[Collection(KeeperDevnetCollection.Name)]
public sealed class DryRunTests(KeeperDevnet devnet)
{
    [Fact]
    public async Task DryRun_Crash_ReportsSkippedAndSendsNothing()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ct = cts.Token;
        await devnet.ResetAsync(ct);
        var key = devnet.Key(2);
        await using var keeper = await KeeperHost.StartAsync(new KeeperOptions
        {
            RpcUrl = devnet.HttpUrl, WebSocketUrl = devnet.WsUrl, Engine = devnet.Devnet.Engine, Key = key, DryRun = true,
            PollInterval = TimeSpan.FromMilliseconds(100),
        }, ct);
        var end = await new KeeperScenario(devnet).MoveAsync([(1_400, 51_000)], ct);
        await KeeperScenario.IdleAsync(keeper, end, ct);
        Assert.NotEmpty(keeper.History);
        Assert.All(keeper.History, o => Assert.True(o.Kind is OutcomeKind.Skipped || o.BeforeSend, o.ToString()));
        Assert.Contains(keeper.History, o => o.Kind == OutcomeKind.Skipped);
        Assert.Equal(0UL, await devnet.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Latest, ct));
    }
}
