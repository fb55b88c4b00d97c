using CrossMargin.Contracts;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Risk.Model;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Compare;

/// <summary>
/// Replays every price path on the opened books with the keeper (KeeperHost, in-process, over WebSocket) liquidating:
/// each path starts from the same chain (evm snapshot), a fresh keeper loads it, every step sets the five feeds in one
/// block and waits until the keeper is idle on that block; the path's Liquidated / CollateralLiquidated / BadDebtSettled events
/// are then counted per mode.
/// </summary>
internal sealed class StressReplay(AnvilNode anvil, DevnetContracts devnet, PrivateKey keeperKey, IReadOnlyList<OpenedAccount> accounts)
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(60);

    public async Task<StressResult> RunAsync(decimal[][][] paths, int seed, Action<int>? pathDone, CancellationToken ct)
    {
        var rpc = anvil.Rpc;
        var byId = accounts.ToDictionary(a => a.Id);
        var events = new List<(int Path, object Event)>();
        var liquidatableAtEnd = new List<OpenedAccount>();
        var keeperTransactions = 0;
        var snapshot = await rpc.SnapshotAsync(ct);
        for (var p = 0; p < paths.Length; p++)
        {
            var start = await rpc.BlockNumberAsync(ct);
            await using (var keeper = await StartKeeperAsync(ct))
            {
                foreach (var prices in paths[p])
                {
                    var block = await devnet.SetPricesInOneBlockAsync(Enumerable.Range(1, prices.Length - 1).ToDictionary(m => m, m => prices[m]), ct);
                    await IdleAsync(keeper, block, ct);
                }
                keeperTransactions += keeper.History.Count(o => o.TransactionHash is not null);
            }
            var end = await rpc.BlockNumberAsync(ct);
            foreach (var log in await rpc.GetLogsAsync(new LogFilter { Addresses = [devnet.Engine.Address] }.WithRange(start + 1, end), ct))
            {
                if (devnet.Engine.Binding.DecodeLog(log.Topics, log.Data) is { } e and (LiquidatedEvent or CollateralLiquidatedEvent or BadDebtSettledEvent))
                    events.Add((p, e));
            }
            var health = await devnet.Engine.CallAsync(HealthBatchFunction.Encode([.. accounts.Select(a => (UInt256)a.Id)]), HealthBatchFunction.DecodeResult, ct);
            liquidatableAtEnd.AddRange(accounts.Where((_, i) => health[i].NlvMaint < (Int256)health[i].Mm));
            // Back to the opened books; anvil consumes a snapshot on revert, so take the next one.
            if (!await rpc.RevertAsync(snapshot, ct))
                throw new InvalidOperationException("evm_revert failed");
            snapshot = await rpc.SnapshotAsync(ct);
            devnet.Owner.Nonces.Invalidate();
            pathDone?.Invoke(p + 1);
        }
        return Summarise(paths.Length, paths.Length == 0 ? 0 : paths[0].Length, seed, byId, events, liquidatableAtEnd, keeperTransactions);
    }

    private Task<KeeperHost> StartKeeperAsync(CancellationToken ct) =>
        KeeperHost.StartAsync(new KeeperOptions
        {
            RpcUrl = anvil.HttpUrl,
            WebSocketUrl = anvil.WsUrl,
            Engine = devnet.Engine.Address,
            Key = keeperKey,
            PollInterval = TimeSpan.FromMilliseconds(100),
            MaxAttemptsPerBlock = 64,
        }, ct);

    private static async Task IdleAsync(KeeperHost keeper, ulong block, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(IdleTimeout);
        try
        {
            await keeper.WaitUntilIdleAsync(block, timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"keeper not idle at block {block} within {IdleTimeout}: {keeper.Describe()}");
        }
    }

    private static StressResult Summarise(int paths, int steps, int seed, Dictionary<ulong, OpenedAccount> byId, List<(int Path, object Event)> events,
        List<OpenedAccount> liquidatableAtEnd, int keeperTransactions)
    {
        OpenedAccount Of(object e) => byId[(ulong)(e switch
        {
            LiquidatedEvent l => l.AccountId,
            CollateralLiquidatedEvent c => c.AccountId,
            BadDebtSettledEvent b => b.AccountId,
            _ => throw new InvalidOperationException(),
        })];
        static decimal Usd(UInt256 quoteUnits) => (decimal)(ulong)quoteUnits / 1_000_000m;

        var modes = Enum.GetValues<MarginMode>().Select(mode =>
        {
            var mine = events.Where(e => Of(e.Event).Mode == mode).ToList();
            var liquidations = mine.Where(e => e.Event is LiquidatedEvent).ToList();
            var badDebt = mine.Select(e => e.Event).OfType<BadDebtSettledEvent>().ToList();
            return new ModeStress(
                mode,
                byId.Values.Count(a => a.Mode == mode),
                CapitalRow.Usd(byId.Values.Where(a => a.Mode == mode).Aggregate(System.Numerics.BigInteger.Zero, (sum, a) => sum + (System.Numerics.BigInteger)a.Stress.NlvInit)),
                liquidations.Select(e => e.Path).Distinct().Count(),
                liquidations.Select(e => (e.Path, Of(e.Event).Id)).Distinct().Count(),
                liquidations.Count,
                mine.Count(e => e.Event is CollateralLiquidatedEvent),
                liquidations.Sum(e => Usd(((LiquidatedEvent)e.Event).Penalty)),
                badDebt.Count,
                badDebt.Sum(b => Usd(b.Amount)),
                liquidatableAtEnd.Count(a => a.Mode == mode));
        }).ToList();
        var cells = byId.Values.Select(a => (a.Portfolio, a.Mode)).Distinct().Select(k =>
        {
            var mine = events.Where(e => (Of(e.Event).Portfolio, Of(e.Event).Mode) == k).ToList();
            return new PortfolioStress(k.Portfolio, k.Mode,
                mine.Where(e => e.Event is LiquidatedEvent).Select(e => e.Path).Distinct().Count(),
                mine.Select(e => e.Event).OfType<BadDebtSettledEvent>().Sum(b => Usd(b.Amount)));
        }).ToList();
        return new StressResult(paths, steps, seed, modes, cells, keeperTransactions);
    }
}
