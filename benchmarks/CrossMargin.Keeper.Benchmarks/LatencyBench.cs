using System.Diagnostics;
using System.Threading.Channels;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Keeper.Benchmarks;

/// <summary>
/// Reaction latency under interval mining: ETH steps down 0.3% per sample. The clock runs from the moment the newHeads
/// notification of the block holding the price update reached this process (the earliest a subscriber can know it was
/// mined) to the moment the node accepted the keeper's first liquidation sent after that tick (eth_sendRawTransaction
/// returned). <c>continuous</c>: the next step is sent as soon as the keeper reacted, so prices move every block and the
/// keeper works through a backlog, as in a crash. <c>isolated</c>: the next step waits until the keeper is idle.
/// Samples where the keeper sent nothing within two blocks are counted as "no liquidation", not as latencies.
/// </summary>
internal static class LatencyBench
{
    public static async Task RunAsync(BenchChain chain, int samples, bool continuous, TimeSpan blockTime)
    {
        await using var keeper = await chain.StartKeeperAsync();
        await keeper.WaitUntilIdleAsync(await chain.Rpc.BlockNumberAsync(CancellationToken.None), CancellationToken.None);
        await using var ws = new EthWebSocketClient(chain.Anvil.WsUrl, chain.Rpc);
        await ws.ConnectAsync(CancellationToken.None);
        var heads = await ws.SubscribeNewHeadsAsync(CancellationToken.None);
        var arrivals = Channel.CreateUnbounded<(ulong Block, long At)>();
        _ = Task.Run(async () =>
        {
            await foreach (var h in heads.ReadAllAsync(CancellationToken.None))
                arrivals.Writer.TryWrite((h.Number, Stopwatch.GetTimestamp()));
        });
        await chain.SetIntervalMiningAsync(blockTime);
        var deployer = Address.Parse(chain.Devnet.Deployer);
        var latencies = new List<double>();
        var (none, price, start) = (0, 2_000.0, Stopwatch.StartNew());
        for (var i = 0; i < samples; i++)
        {
            price *= 0.997;
            var t0 = Stopwatch.GetTimestamp();
            var hash = await chain.Rpc.SendTransactionAsync(new CallRequest
            {
                From = deployer, To = chain.Devnet.EthFeed, Gas = 200_000,
                Data = MockAggregatorContract.SetPriceFunction.Encode((Int256)new System.Numerics.BigInteger(price * 1e8)),
            }, CancellationToken.None);
            // One receipt query per head (not a tight poll: the harness must not load the node it measures).
            long t1;
            while (true)
            {
                var (block, at) = await arrivals.Reader.ReadAsync();
                if (await chain.Rpc.GetTransactionReceiptAsync(hash, CancellationToken.None) is { } r && r.BlockNumber == block)
                {
                    t1 = at;
                    break;
                }
            }
            using var timeout = new CancellationTokenSource(2 * blockTime);
            try
            {
                await keeper.Loop.WaitAsync(() => keeper.Loop.Sent.Any(s => s.TickAt >= t0), timeout.Token);
                latencies.Add(Stopwatch.GetElapsedTime(t1, keeper.Loop.Sent.Where(s => s.TickAt >= t0).Min(s => s.SentAt)).TotalMilliseconds);
            }
            catch (OperationCanceledException)
            {
                none++;
            }
            if (!continuous)
                await keeper.WaitUntilIdleAsync(await chain.Rpc.BlockNumberAsync(CancellationToken.None), CancellationToken.None);
        }
        Console.WriteLine($"latency ({(continuous ? "continuous" : "isolated")}, block time {blockTime.TotalSeconds} s): book {keeper.BookSize} accounts, " +
            $"{samples} ticks in {start.Elapsed.TotalSeconds:F0} s (ETH down to {price:F0}), {latencies.Count} with a liquidation, {none} without");
        Console.WriteLine($"  block notified → liquidation accepted: p50 {P(latencies, 0.5):F2} ms, p90 {P(latencies, 0.9):F2} ms, p99 {P(latencies, 0.99):F2} ms, max {latencies.DefaultIfEmpty(double.NaN).Max():F2} ms");
        using var stream = new MemoryStream();
        await keeper.MetricsRegistry.CollectAndExportAsTextAsync(stream);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        foreach (var stage in new[] { "tick_to_candidate", "candidate_to_sent", "sent_to_mined" })
        {
            double Value(string suffix) => double.Parse(lines.First(l => l.StartsWith($"keeper_stage_seconds_{suffix}{{stage=\"{stage}\"}}", StringComparison.Ordinal)).Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"  stage {stage}: mean {Value("sum") / Value("count") * 1000:F2} ms over {Value("count")} observations");
        }
        var perBlock = keeper.History.Where(o => o.Block is not null).GroupBy(o => o.Block).Select(g => g.Count()).ToList();
        Console.WriteLine($"  keeper txs per block: mean {perBlock.DefaultIfEmpty(0).Average():F1}, max {perBlock.DefaultIfEmpty(0).Max()}; " +
            $"outcomes: {string.Join(", ", keeper.History.GroupBy(o => $"{o.Kind}/{o.Action.Kind}{(o.Kind == Pipeline.OutcomeKind.Reverted ? $"({o.ErrorName})" : "")}").Select(g => $"{g.Key} {g.Count()}"))}");
    }

    public static double P(List<double> xs, double q)
    {
        var s = xs.Order().ToList();
        return s.Count == 0 ? double.NaN : s[System.Math.Min(s.Count - 1, (int)System.Math.Ceiling(q * s.Count) - 1)];
    }
}
