using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Pipeline;

namespace CrossMargin.Keeper.Benchmarks;

/// <summary>
/// Liquidations per block: mining paused, a 30% ETH crash, the keeper (batch bound 1,000) fills the mempool; one block
/// is mined and its keeper transactions counted, then the rest drain block by block.
/// </summary>
internal static class PerBlockBench
{
    public static async Task RunAsync(BenchChain chain)
    {
        await using var keeper = await chain.StartKeeperAsync(maxPerBlock: 1_000);
        await keeper.WaitUntilIdleAsync(await chain.Rpc.BlockNumberAsync(CancellationToken.None), CancellationToken.None);
        await chain.Rpc.SetAutomineAsync(false, CancellationToken.None);
        await chain.Rpc.SendTransactionAsync(new CallRequest
        {
            From = CrossMargin.Ethereum.Primitives.Address.Parse(chain.Devnet.Deployer), To = chain.Devnet.EthFeed, Gas = 200_000,
            Data = Contracts.MockAggregatorContract.SetPriceFunction.Encode((CrossMargin.Ethereum.Primitives.Int256)140_000_000_000L),
        }, CancellationToken.None);
        await chain.Rpc.MineAsync(CancellationToken.None);
        var crashBlock = await chain.Rpc.BlockNumberAsync(CancellationToken.None);
        // Wait until the keeper has sent its first batch (its in-flight count stops growing between two timer ticks).
        var last = -1L;
        while (keeper.Loop.SentCount != last || last == 0)
        {
            last = keeper.Loop.SentCount;
            await keeper.Loop.WaitAsync(() => true, CancellationToken.None);
            await Task.Delay(300); // benchmark pacing, not test synchronisation
        }
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await chain.Rpc.MineAsync(CancellationToken.None);
        var block = crashBlock + 1;
        await chain.Rpc.SetAutomineAsync(true, CancellationToken.None);
        await keeper.WaitUntilIdleAsync(await chain.Rpc.BlockNumberAsync(CancellationToken.None), CancellationToken.None);
        var inBlock = keeper.History.Where(o => o.Block == block).ToList();
        var gas = inBlock.Sum(o => (double)o.GasUsed);
        Console.WriteLine($"perblock: {last} transactions queued after the crash; block {block} mined {inBlock.Count(o => o.Kind == OutcomeKind.Liquidated)} successful keeper txs " +
            $"({string.Join(", ", inBlock.GroupBy(o => $"{o.Kind}/{o.Action.Kind}").Select(g => $"{g.Key} {g.Count()}"))}), gas {gas:N0} " +
            $"(≈ {gas / System.Math.Max(1, inBlock.Count):N0}/tx ⇒ ≈ {30_000_000 / (gas / System.Math.Max(1, inBlock.Count)):N0} per 30M-gas block)");
    }
}
