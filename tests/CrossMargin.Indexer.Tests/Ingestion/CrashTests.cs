using System.Diagnostics;
using System.Numerics;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Storage;
using CrossMargin.Indexer.Tests.Fixtures;

namespace CrossMargin.Indexer.Tests.Ingestion;

/// <summary>
/// Exactly-once under crashes: the backfill runs in a child process (CrossMargin.Indexer.TestHost) that is killed with
/// SIGKILL 20 times and restarted; the final database must equal an uninterrupted run's, byte for byte. The child reads
/// through a proxy that holds eth_getLogs above a chosen block, so kill points are chosen by block, not by wall time:
/// even kills land on a parked child whose checkpoint is exactly the chosen block (between commits); odd kills release
/// it up to a further bound and land a random 0–3 ms later, wherever the writer is (inside or between commits).
/// </summary>
public sealed class CrashTests
{
    private const int Kills = 20;
    private static readonly HttpClient Http = new();

    [Fact]
    public async Task Backfill_Sigkilled20TimesAtRandomPoints_DatabaseIdenticalToUninterruptedRun()
    {
        await using var anvil = await AnvilNode.StartAsync(extraArgs: ["--gas-limit", "1000000000"]);
        var rpc = new JsonRpcClient(Http, anvil.HttpUrl);
        var devnet = await DevnetDeployment.DeployAsync(rpc, anvil.Accounts[0], default);
        var seeder = new BookSeeder(devnet, seed: 7);
        await seeder.SeedAsync(300, default);
        for (var k = 0; k < 150; k++)
            await devnet.SetPriceAsync(k % 2 == 0 ? devnet.EthFeed : devnet.SolFeed, new BigInteger(150_00000000L + k), default);
        await rpc.MineAsync(400, default); // empty blocks: more commits for the kills to land between and inside
        var head = (long)await rpc.BlockNumberAsync(default);
        using var dir = new TempSqlite();
        var deployment = Path.Combine(Path.GetDirectoryName(dir.Path)!, "deployment.json");
        await File.WriteAllTextAsync(deployment, DevnetDeployment.Json(devnet));
        await using var proxy = new LimitingProxy(anvil.HttpUrl, maxSpan: ulong.MaxValue, suggestedSpan: 1);
        await proxy.StartAsync();

        using var reference = new TempSqlite();
        await IndexRun.BackfillAsync(IndexRun.Options(anvil.HttpUrl, DevnetDeployment.Of(devnet), reference.ConnectionString));
        var expected = await DatabaseDump.DumpAsync(new IndexerDatabase(reference.ConnectionString), default);

        using var crashed = new TempSqlite();
        var rng = new Random(20_240_602);
        var parked = new List<(long Target, long Checkpoint)>();
        var checkpoint = 0L;
        for (var kill = 0; kill < Kills; kill++)
        {
            // A block ahead of the checkpoint, leaving room for the kills still to come.
            var room = (head - checkpoint) / (Kills - kill + 1);
            var target = checkpoint + 1 + rng.NextInt64(Math.Max(1, room));
            proxy.HoldAbove = (ulong)target;
            using var child = StartHost(proxy.Url, deployment, crashed.ConnectionString);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await CheckpointAsync(crashed.ConnectionString) < target || proxy.Held == 0)
            {
                Assert.False(child.HasExited, $"child exited before reaching block {target}:\n{Output}");
                await Task.Delay(1, timeout.Token); // polling the database and the proxy, not timing the kill
            }
            if (kill % 2 == 1)
            {
                proxy.HoldAbove = (ulong)(target + room); // bounded, so a slow kill cannot run the child to the head
                await Task.Delay(rng.Next(0, 4));
            }
            child.Kill(); // SIGKILL: no managed code runs, the open transaction (if any) is lost
            await child.WaitForExitAsync();
            checkpoint = await CheckpointAsync(crashed.ConnectionString);
            if (kill % 2 == 0)
                parked.Add((target, checkpoint));
        }
        proxy.HoldAbove = ulong.MaxValue;
        using (var last = StartHost(proxy.Url, deployment, crashed.ConnectionString))
        {
            await last.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
            Assert.True(last.ExitCode == 0, Output.ToString());
        }
        Assert.Equal(head, await CheckpointAsync(crashed.ConnectionString));
        Assert.All(parked, p => Assert.Equal(p.Target, p.Checkpoint));
        Assert.Equal(Kills / 2, parked.Select(p => p.Target).Distinct().Count(t => t < head));
        Assert.Equal(expected, await DatabaseDump.DumpAsync(new IndexerDatabase(crashed.ConnectionString), default));
    }

    /// <summary>Span 1: one block per transaction, so a kill can land between or inside any of hundreds of commits.</summary>
    private static Process StartHost(Uri rpc, string deployment, string connectionString)
    {
        var dll = BuildOutput.Dll("tests/CrossMargin.Indexer.TestHost", "CrossMargin.Indexer.TestHost");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll, rpc.ToString(), deployment, connectionString, "1" })
            info.ArgumentList.Add(a);
        var p = Process.Start(info)!;
        p.OutputDataReceived += (_, e) => Log(e.Data);
        p.ErrorDataReceived += (_, e) => Log(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static readonly System.Text.StringBuilder Output = new();

    private static void Log(string? line)
    {
        lock (Output)
            Output.AppendLine(line);
    }

    private static async Task<long> CheckpointAsync(string connectionString)
    {
        await using var c = await new IndexerDatabase(connectionString).OpenReadAsync(default);
        try
        {
            return await CrossMargin.Indexer.Api.ApiContext.CheckpointAsync(c) is { } cp ? cp.Block : 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            return 0; // killed before the schema existed
        }
    }
}
