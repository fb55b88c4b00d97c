using CrossMargin.Cli.Stack;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using A = CrossMargin.Contracts.MockAggregatorContract;

namespace CrossMargin.Cli.Demo;

/// <summary>
/// Moves the devnet's MockAggregator feeds (ETH, BTC, SOL): a seeded random walk, then a scripted crash. Each update's
/// block and the moment its receipt was seen are kept to time the keeper's reaction. One feeder wallet per feed, so
/// the three updates of a step go out in one batch (the pipeline sends one transaction per wallet per batch).
/// </summary>
internal sealed class PriceFeeder(DevStack stack, TxPipeline sender, IReadOnlyList<DemoWallet> feeders, Random rng)
{
    private static readonly double[] StepVolatility = [0.004, 0.003, 0.006];
    private readonly List<(ulong Block, long MinedAt)> _ticks = [];

    public double[] Prices { get; } = (double[])MarketSetup.StartPrices.Clone();

    public Task ResetAsync(CancellationToken ct) => SetAsync(MarketSetup.StartPrices, ct);

    /// <summary>One random-walk step on every feed (log-normal).</summary>
    public Task WalkAsync(CancellationToken ct)
    {
        var next = Prices.Select((p, i) => p * Math.Exp(StepVolatility[i] * Gaussian())).ToArray();
        return SetAsync(next, ct);
    }

    /// <summary>Step <paramref name="step"/> of <paramref name="steps"/>: ETH to −30% in equal ratios, BTC follows one step
    /// later to −20%, SOL to −25%.</summary>
    public Task CrashStepAsync(int step, int steps, CancellationToken ct)
    {
        var next = (double[])Prices.Clone();
        next[0] *= Math.Pow(0.70, 1.0 / steps);
        if (step > 0)
            next[1] *= Math.Pow(0.80, 1.0 / (steps - 1));
        next[2] *= Math.Pow(0.75, 1.0 / steps);
        return SetAsync(next, ct);
    }

    /// <summary>When the latest price update before <paramref name="block"/> was mined (Stopwatch ticks), if any.</summary>
    public long? TickBefore(ulong block)
    {
        lock (_ticks)
        {
            for (var i = _ticks.Count - 1; i >= 0; i--)
            {
                if (_ticks[i].Block < block)
                    return _ticks[i].MinedAt;
            }
        }
        return null;
    }

    private async Task SetAsync(double[] prices, CancellationToken ct)
    {
        Address[] feeds = [stack.Deployment.EthFeed, stack.Deployment.BtcFeed, stack.Deployment.SolFeed];
        var updates = feeds.Select((f, i) => new TxRequest(feeders[i], f, A.SetPriceFunction.Encode(DemoMath.Answer(prices[i])), 100_000, "setPrice")).ToList();
        var receipts = await sender.SendAllAsync(updates, ct).ConfigureAwait(false);
        var minedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        lock (_ticks)
        {
            foreach (var r in receipts.OfType<TransactionReceipt>())
                _ticks.Add((r.BlockNumber, minedAt));
        }
        prices.CopyTo(Prices, 0);
    }

    private double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
