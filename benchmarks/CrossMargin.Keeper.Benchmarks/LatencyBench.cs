using System.Diagnostics;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Keeper.Benchmarks;

/// <summary>
/// Reaction latency: ETH steps down 0.3% per sample (eth_sendTransaction, automine); the clock runs from the moment
/// the newHeads notification of the block holding the price update reached the process (the earliest a subscriber can know it was mined) to the moment the node accepted the keeper's first
/// liquidation for that tick (eth_sendRawTransaction returned). Samples without a liquidation are not counted.
/// </summary>
internal static class LatencyBench
{
    public static async Task RunAsync(BenchChain chain, int samples)
    {
        await using var keeper = await chain.StartKeeperAsync();
        await using var ws = new EthWebSocketClient(chain.Anvil.WsUrl, chain.Rpc);
        await ws.ConnectAsync(CancellationToken.None);
        var heads = await ws.SubscribeNewHeadsAsync(CancellationToken.None);
        var arrivals = new System.Collections.Concurrent.ConcurrentDictionary<ulong, long>();
        _ = Task.Run(async () =>
        {
            await foreach (var h in heads.ReadAllAsync(CancellationToken.None))
                arrivals[h.Number] = Stopwatch.GetTimestamp();
        });
        await keeper.WaitUntilIdleAsync(await chain.Rpc.BlockNumberAsync(CancellationToken.None), CancellationToken.None);
        var latencies = new List<double>();
        var upper = new List<double>();
        var price = 2_000.0;
        for (var i = 0; i < samples * 4 && latencies.Count < samples; i++)
        {
            price *= 0.997;
            var sentBefore = keeper.Loop.Sent.Count;
            var t0 = Stopwatch.GetTimestamp();
            var block = await chain.SetPriceAsync(chain.Devnet.EthFeed, price);
            // "Mined" = the block's newHeads notification reached this process (the earliest any subscriber can know).
            while (!arrivals.ContainsKey(block))
                await Task.Delay(1);
            var t1 = arrivals[block];
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                try
                {
                    await keeper.WaitUntilIdleAsync(block, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Console.WriteLine($"  sample {i}: not idle after 30 s: {keeper.Describe()}");
                    var signer = keeper.Signer;
                    Console.WriteLine($"  signer nonce latest {await chain.Rpc.GetTransactionCountAsync(signer, BlockParameter.Latest, CancellationToken.None)}, pending {await chain.Rpc.GetTransactionCountAsync(signer, BlockParameter.Pending, CancellationToken.None)}");
                    using (var http = new HttpClient())
                    {
                        var body = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"txpool_inspect\",\"params\":[]}", System.Text.Encoding.UTF8, "application/json");
                        var pool = await (await http.PostAsync(chain.Anvil.HttpUrl, body)).Content.ReadAsStringAsync();
                        Console.WriteLine($"  txpool_inspect: {pool[..System.Math.Min(pool.Length, 1500)]}");
                        var latest = await chain.Rpc.GetBlockByNumberAsync(BlockParameter.Latest, CancellationToken.None);
                        Console.WriteLine($"  latest block base fee {latest?.BaseFeePerGas}");
                    }
                    foreach (var a in keeper.Loop.InFlight)
                        Console.WriteLine($"  in flight: account {a.Action.AccountId} {a.Action.Kind} nonce {a.Nonce} hashes {string.Join(",", a.Hashes)} maxFee {a.Pending.Transaction.MaxFeePerGas} replacements {a.Replacements}");
                    break;
                }
            }
            var first = keeper.Loop.Sent.Skip(sentBefore).Where(s => s.TickAt >= t0).Select(s => s.SentAt).DefaultIfEmpty(0).Min();
            if (first == 0)
                continue;
            latencies.Add(Stopwatch.GetElapsedTime(t1, first).TotalMilliseconds);
            upper.Add(Stopwatch.GetElapsedTime(t0, first).TotalMilliseconds);
        }
        Console.WriteLine($"latency: book {keeper.BookSize} accounts, {latencies.Count} samples with a liquidation (ETH down to {price:F0})");
        Console.WriteLine($"  block notified → liquidation accepted: p50 {P(latencies, 0.5):F2} ms, p90 {P(latencies, 0.9):F2} ms, p99 {P(latencies, 0.99):F2} ms, max {latencies.Max():F2} ms");
        Console.WriteLine($"  price tx sent → liquidation accepted (upper bound): p50 {P(upper, 0.5):F2} ms, p99 {P(upper, 0.99):F2} ms");
        using var stream = new MemoryStream();
        await keeper.MetricsRegistry.CollectAndExportAsTextAsync(stream);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        foreach (var stage in new[] { "tick_to_candidate", "candidate_to_sent", "sent_to_mined" })
        {
            double Value(string suffix) => double.Parse(lines.First(l => l.StartsWith($"keeper_stage_seconds_{suffix}{{stage=\"{stage}\"}}", StringComparison.Ordinal)).Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture);
            Console.WriteLine($"  stage {stage}: mean {Value("sum") / Value("count") * 1000:F2} ms over {Value("count")} observations");
        }
        Console.WriteLine($"  outcomes: {string.Join(", ", keeper.History.GroupBy(o => $"{o.Kind}/{o.Action.Kind}").Select(g => $"{g.Key} {g.Count()}"))}");
    }

    public static double P(List<double> xs, double q)
    {
        var s = xs.Order().ToList();
        return s.Count == 0 ? double.NaN : s[System.Math.Min(s.Count - 1, (int)System.Math.Ceiling(q * s.Count) - 1)];
    }
}
