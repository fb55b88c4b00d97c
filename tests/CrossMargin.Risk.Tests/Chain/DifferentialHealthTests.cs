using System.Diagnostics;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Tests.Fixtures;
using Xunit.Abstractions;

namespace CrossMargin.Risk.Tests.Chain;

/// <summary>
/// The C# health equals the contract's healthBatch to the wei for every seeded account (ISOLATED, CROSS, PORTFOLIO) at
/// many price points, including crashes, rallies and extreme prices; the C# state is built from eth_getLogs only.
/// </summary>
[Collection(SeededDevnetCollection.Name)]
public sealed class DifferentialHealthTests(SeededDevnet devnet, ITestOutputHelper output)
{
    /// <summary>ETH, BTC, SOL prices in USD (8-decimal feeds).</summary>
    public static readonly double[][] PricePoints =
    [
        [2_000, 60_000, 150], [1_400, 60_000, 150], [2_300, 69_000, 150], [1_000, 30_000, 60],
        [4_000, 120_000, 400], [200, 6_000, 15], [20_000, 600_000, 1_500], [1_700, 71_000, 90],
        [2_612.34567891, 55_123.45678901, 177.77777777], [1_999.99999999, 60_000.00000001, 149.99999999],
        [0.00000001, 0.00000001, 0.00000001], [1e9, 1e10, 1e8], [3_100, 40_000, 300], [1_200, 80_000, 45],
        [2_000, 60_000, 150],
    ];

    [Fact]
    public async Task Health_EveryAccountEveryPricePoint_MatchesContractToTheWei()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = cts.Token;
        var loader = new ChainLoader(devnet.Rpc, Artifacts.Engine, Artifacts.Aggregator);
        var sw = Stopwatch.StartNew();
        var mirror = await loader.LoadAsync(devnet.Devnet.Engine, await devnet.Rpc.BlockNumberAsync(ct), ct);
        var loadTime = sw.Elapsed;
        var ids = mirror.Book.Accounts.Keys.Order().ToArray();
        Assert.True(ids.Length >= SeededDevnet.Accounts, $"expected {SeededDevnet.Accounts} accounts, found {ids.Length}");
        var modes = ids.GroupBy(id => mirror.Book.Account(id).Mode).ToDictionary(g => g.Key, g => g.Count());
        long compared = 0, mismatches = 0, liquidatable = 0;
        TimeSpan chainTime = TimeSpan.Zero, csTime = TimeSpan.Zero;
        foreach (var point in PricePoints)
        {
            await devnet.Seeder.SetPricesAsync(point, ct);
            mirror = await loader.CatchUpAsync(mirror, await devnet.Rpc.BlockNumberAsync(ct), ct);
            sw.Restart();
            var onChain = await ChainHealth.ReadAsync(devnet.Rpc, devnet.Devnet.Engine, ids, ct);
            chainTime += sw.Elapsed;
            sw.Restart();
            var px = mirror.Book.Prices();
            var mine = ids.Select(id => HealthCalculator.Compute(mirror.Book.Account(id), mirror.Book.Parameters, px)).ToArray();
            csTime += sw.Elapsed;
            for (var i = 0; i < ids.Length; i++)
            {
                compared++;
                if (onChain[i].IsLiquidatable) liquidatable++;
                if (onChain[i] != mine[i] && mismatches++ < 5)
                    output.WriteLine($"MISMATCH account {ids[i]} at [{string.Join(", ", point)}]: chain {onChain[i]} vs C# {mine[i]}");
            }
        }
        output.WriteLine($"accounts {ids.Length} ({string.Join(", ", modes.Select(kv => $"{kv.Key} {kv.Value}"))}), " +
            $"price points {PricePoints.Length}, comparisons {compared}, liquidatable {liquidatable}, mismatches {mismatches}; " +
            $"seed {devnet.SeedTime.TotalSeconds:F1}s, log load {loadTime.TotalSeconds:F1}s, healthBatch {chainTime.TotalSeconds:F1}s, C# {csTime.TotalMilliseconds:F0}ms");
        Assert.Equal(0, mismatches);
    }
}
