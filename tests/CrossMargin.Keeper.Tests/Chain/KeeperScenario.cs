using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Tests.Fixtures;

namespace CrossMargin.Keeper.Tests.Chain;

/// <summary>Shared steps of the chain tests: start a keeper on the devnet, script price moves, check the chain afterwards.</summary>
internal sealed class KeeperScenario(KeeperDevnet devnet)
{
    public static readonly (double Eth, double Btc)[] ThreeStepCrash = [(1_800, 57_000), (1_600, 54_000), (1_400, 51_000)];

    public Task<KeeperHost> StartAsync(int key, string? checkpoint, CancellationToken ct, bool webSocket = true) =>
        KeeperHost.StartAsync(new KeeperOptions
        {
            RpcUrl = devnet.HttpUrl,
            WebSocketUrl = webSocket ? devnet.WsUrl : null,
            Engine = devnet.Devnet.Engine,
            Key = devnet.Key(key),
            CheckpointPath = checkpoint,
            CheckpointInterval = TimeSpan.FromMilliseconds(100),
            PollInterval = TimeSpan.FromMilliseconds(100),
            MaxAttemptsPerBlock = 64,
        }, ct);

    /// <summary>Waits (bounded) for the keeper to be idle with <paramref name="block"/> in its book; on timeout says where it stands.</summary>
    public static async Task IdleAsync(KeeperHost keeper, ulong block, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(45));
        try
        {
            await keeper.WaitUntilIdleAsync(block, timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"keeper not idle at block {block}: {keeper.Describe()}; outcomes {Summary(keeper.History)}");
        }
    }

    /// <summary>ETH and BTC moved together, step by step; returns the block of the last price update.</summary>
    public async Task<ulong> MoveAsync(IEnumerable<(double Eth, double Btc)> steps, CancellationToken ct)
    {
        ulong last = 0;
        foreach (var (eth, btc) in steps)
        {
            await ChainProbe.SetPriceAsync(devnet.Devnet, devnet.Devnet.EthFeed, eth, ct);
            last = await ChainProbe.SetPriceAsync(devnet.Devnet, devnet.Devnet.BtcFeed, btc, ct);
        }
        return last;
    }

    /// <summary>A feed answer (USD) by eth_sendTransaction, not waited for: for tests that mine by hand.</summary>
    public Task SendPriceAsync(Address feed, double usd, CancellationToken ct) => devnet.Rpc.SendTransactionAsync(new CallRequest
    {
        From = Address.Parse(devnet.Devnet.Deployer), To = feed, Gas = 200_000,
        Data = Contracts.MockAggregatorContract.SetPriceFunction.Encode((Int256)new System.Numerics.BigInteger(usd * 1e8)),
    }, ct);

    public async Task<List<ulong>> StillLiquidatableAsync(IReadOnlyList<ulong> ids, CancellationToken ct)
    {
        var health = await ChainProbe.HealthAsync(devnet.Rpc, devnet.Devnet.Engine, ids, BlockParameter.Latest, ct);
        return [.. ids.Where(id => ChainProbe.Liquidatable(health[id]))];
    }

    /// <summary>For every mined liquidation/collateral liquidation: was its target liquidatable on the state just before its block?</summary>
    public async Task<List<AttemptOutcome>> TargetsHealthyBeforeAsync(IEnumerable<AttemptOutcome> outcomes, CancellationToken ct)
    {
        var healthy = new List<AttemptOutcome>();
        foreach (var o in outcomes.Where(o => o.Block is not null && o.Action.Kind != ActionKind.SettleBadDebt))
        {
            var h = await ChainProbe.HealthAsync(devnet.Rpc, devnet.Devnet.Engine, [o.AccountId], BlockParameter.At(o.Block!.Value - 1), ct);
            if (!ChainProbe.Liquidatable(h[o.AccountId]))
                healthy.Add(o);
        }
        return healthy;
    }

    public static string Summary(IEnumerable<AttemptOutcome> outcomes) =>
        string.Join(", ", outcomes.GroupBy(o => $"{o.Kind}/{o.Action.Kind}").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"));

    public static string TempCheckpoint() => Path.Combine(Path.GetTempPath(), $"keeper-{Guid.NewGuid():N}", "checkpoint.json");

    public static Address Engine(KeeperDevnet d) => d.Devnet.Engine;
}
