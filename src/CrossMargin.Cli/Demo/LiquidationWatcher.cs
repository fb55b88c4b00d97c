using System.Diagnostics;
using CrossMargin.Cli.Stack;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Demo;

/// <summary>
/// Follows the engine's Liquidated, CollateralLiquidated and BadDebtSettled logs (eth_subscribe when the node has a
/// WebSocket, else eth_getLogs polling) from <paramref name="fromBlock"/>, timing each against the price feeder.
/// </summary>
internal sealed class LiquidationWatcher(DevStack stack, PriceFeeder prices, DemoState state, ulong fromBlock)
{
    private static readonly Hash32[] Topics =
    [
        Hash32.Parse(E.LiquidatedEvent.Topic0Hex),
        Hash32.Parse(E.CollateralLiquidatedEvent.Topic0Hex),
        Hash32.Parse(E.BadDebtSettledEvent.Topic0Hex),
    ];

    private readonly HashSet<(Hash32, ulong)> _seen = [];

    public async Task RunAsync(CancellationToken ct)
    {
        var filter = new LogFilter { Addresses = [stack.Deployment.Engine], Topics = [Topics] };
        try
        {
            if (stack.WsUrl is { } ws)
            {
                await using var client = new EthWebSocketClient(ws, stack.Rpc);
                await client.ConnectAsync(ct).ConfigureAwait(false);
                await using var logs = await client.SubscribeLogsAsync(filter, ct).ConfigureAwait(false);
                // Anything mined between the start block and the subscription: read once.
                foreach (var log in await stack.Rpc.GetLogsAsync(filter with { FromBlock = fromBlock, ToBlock = BlockParameter.Latest }, ct).ConfigureAwait(false))
                    Apply(log);
                await foreach (var log in logs.ReadAllAsync(ct).ConfigureAwait(false))
                    Apply(log);
            }
            else
            {
                var next = fromBlock;
                while (true)
                {
                    var head = await stack.Rpc.BlockNumberAsync(ct).ConfigureAwait(false);
                    if (head >= next)
                    {
                        foreach (var log in await stack.Rpc.GetLogsAsync(filter.WithRange(next, head), ct).ConfigureAwait(false))
                            Apply(log);
                        next = head + 1;
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(100), ct).ConfigureAwait(false); // polling interval without a WebSocket
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private void Apply(LogEntry log)
    {
        var now = Stopwatch.GetTimestamp();
        if (log.Removed || !_seen.Add(log.Key))
            return;
        var tick = prices.TickBefore(log.BlockNumber);
        double? latency = tick is { } t ? Stopwatch.GetElapsedTime(t, now).TotalMilliseconds : null;
        var keeper = stack.Keeper?.Signer;
        LiquidationRecord? record = null;
        if (E.LiquidatedEvent.TryDecode(log, out var l))
            record = new("position", (ulong)l.AccountId, l.Liquidator.ToString(), log.BlockNumber, latency,
                $"fraction {DemoMath.Usd(l.Fraction):P1}, penalty {DemoMath.Usdc(l.Penalty):N2} USDC", l.Liquidator == keeper);
        else if (E.CollateralLiquidatedEvent.TryDecode(log, out var c))
            record = new("collateral", (ulong)c.AccountId, c.Liquidator.ToString(), log.BlockNumber, latency,
                $"repaid {DemoMath.Usdc(c.Repaid):N2} USDC", c.Liquidator == keeper);
        else if (E.BadDebtSettledEvent.TryDecode(log, out var b))
        {
            record = new("bad debt", (ulong)b.AccountId, "", log.BlockNumber, latency,
                $"{DemoMath.Usdc(b.Amount):N2} USDC (insurance {DemoMath.Usdc(b.FromInsurance):N2}, socialized {DemoMath.Usdc(b.Socialized):N2})", false);
            state.AddBadDebt(DemoMath.Usdc(b.Amount), DemoMath.Usdc(b.Socialized));
        }
        if (record is not null)
            state.Add(record);
    }
}
