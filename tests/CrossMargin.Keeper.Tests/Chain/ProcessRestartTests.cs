using System.Text.Json;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Tests.Fixtures;
using Xunit.Abstractions;

namespace CrossMargin.Keeper.Tests.Chain;

/// <summary>
/// `crossmargin keeper` as a real process, SIGKILLed while it is liquidating the three-step crash, then started again
/// with the same key and data directory: it resumes from its checkpoint; every liquidatable account ends liquidated;
/// every transaction the key sent did something (a doubled liquidation would revert, a nonce clash would fail to send);
/// nothing is left pending; SIGTERM then stops it cleanly.
/// </summary>
[Collection(KeeperDevnetCollection.Name)]
public sealed class ProcessRestartTests(KeeperDevnet devnet, ITestOutputHelper output)
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SigKill_WhileLiquidating_RestartFinishesWithoutGapsDoublesOrMisses()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(240));
        var ct = cts.Token;
        await devnet.ResetAsync(ct);
        var scenario = new KeeperScenario(devnet);
        var key = devnet.Key(1);
        var ids = (await ChainProbe.MirrorAsync(devnet.Rpc, devnet.Devnet.Engine, ct)).Book.Accounts.Keys.Order().ToList();
        var dataDir = Path.GetDirectoryName(KeeperScenario.TempCheckpoint())!;
        string[] args = ["--rpc-url", devnet.HttpUrl.ToString(), "--ws-url", devnet.WsUrl.ToString(), "--engine", devnet.Devnet.Engine.ToString(),
            "--key-env", KeeperProcess.KeyVariable, "--data-dir", dataDir];
        var from = await devnet.Rpc.BlockNumberAsync(ct) + 1;
        var nonceAtStart = await devnet.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Latest, ct);

        using (var first = KeeperProcess.Start(devnet.KeyHex(1), args))
        {
            await first.WaitForLineAsync(l => l.StartsWith("ready", StringComparison.Ordinal), Startup, ct);
            await scenario.MoveAsync(KeeperScenario.ThreeStepCrash, ct);
            var liquidated = 0;
            await first.WaitForLineAsync(l => l.Contains(" Liquidated ", StringComparison.Ordinal) && ++liquidated >= 10, Startup, ct);
            first.Kill();
            output.WriteLine($"killed after {first.Output.Count(l => l.Contains(" account ", StringComparison.Ordinal))} outcome lines");
        }
        var stillAtKill = (await scenario.StillLiquidatableAsync(ids, ct)).Count;
        Assert.True(stillAtKill > 0, "the kill came after the work was done: nothing left for the restarted keeper");

        using var second = KeeperProcess.Start(devnet.KeyHex(1), args);
        await second.WaitForLineAsync(l => l.StartsWith("ready", StringComparison.Ordinal), Startup, ct);
        Assert.Contains(second.Output, l => l.Contains("resumed from checkpoint", StringComparison.Ordinal));
        // Done = no account liquidatable and nothing of the key pending; checked again after every line the keeper prints.
        while (!await DoneAsync(scenario, ids, key.Address, ct))
        {
            if (await second.NextLineAsync(TimeSpan.FromSeconds(30), ct) is null && !await DoneAsync(scenario, ids, key.Address, ct))
                Assert.Fail($"restarted keeper went quiet with work left: still liquidatable {string.Join(", ", (await scenario.StillLiquidatableAsync(ids, ct)).Take(20))}; output:\n{string.Join('\n', second.Output.TakeLast(30))}");
        }
        var sent = await devnet.Rpc.GetTransactionCountAsync(key.Address, BlockParameter.Latest, ct) - nonceAtStart;
        var failed = await FailedTransactionsAsync(key.Address, from, ct);
        // Stale: the plan raced the keeper's own previous transaction (its eth_call ran before that one was mined).
        // A doubled liquidation would fail as LostRace (nothing left to do); a cancel would be a self-transfer.
        Assert.True(failed.All(f => f.Kind == OutcomeKind.Stale), $"failed keeper transactions: {string.Join(", ", failed)}");
        Assert.DoesNotContain(second.Output, l => l.Contains("SendFailed", StringComparison.Ordinal) || l.Contains("Dropped", StringComparison.Ordinal) || l.StartsWith("stderr", StringComparison.Ordinal));

        Assert.Equal(0, await second.TerminateAsync(ct));
        Assert.Contains(second.Output, l => l.StartsWith("stopped", StringComparison.Ordinal));
        output.WriteLine($"{stillAtKill} accounts liquidatable at the kill; {sent} keeper transactions in all, {failed.Count} failed as Stale; restarted run: {second.Output.Count(l => l.Contains(" account ", StringComparison.Ordinal))} outcome lines");
    }

    private async Task<bool> DoneAsync(KeeperScenario scenario, IReadOnlyList<ulong> ids, Address signer, CancellationToken ct) =>
        await devnet.Rpc.GetTransactionCountAsync(signer, BlockParameter.Pending, ct) == await devnet.Rpc.GetTransactionCountAsync(signer, BlockParameter.Latest, ct)
        && (await scenario.StillLiquidatableAsync(ids, ct)).Count == 0;

    /// <summary>
    /// Every transaction of <paramref name="signer"/> from block <paramref name="from"/> on (one per block: automine),
    /// with the contract's verdict on the failed ones, replayed on the state before their block. Also checks that each
    /// nonce was used once, in order.
    /// </summary>
    private async Task<List<(ulong Block, OutcomeKind Kind, string? Error)>> FailedTransactionsAsync(Address signer, ulong from, CancellationToken ct)
    {
        var failed = new List<(ulong, OutcomeKind, string?)>();
        var nonces = new List<ulong>();
        var latest = await devnet.Rpc.BlockNumberAsync(ct);
        for (var n = from; n <= latest; n++)
        {
            var block = await devnet.Rpc.SendAsync(new RpcRequest<JsonElement>("eth_getBlockByNumber", w =>
            {
                w.WriteStringValue(Quantity.Encode(n));
                w.WriteBooleanValue(true);
            }, e => e.Clone()), ct);
            foreach (var tx in block.GetProperty("transactions").EnumerateArray().Where(t => Address.Parse(t.GetProperty("from").GetString()!) == signer))
            {
                nonces.Add(Convert.ToUInt64(tx.GetProperty("nonce").GetString(), 16));
                var receipt = await devnet.Rpc.GetTransactionReceiptAsync(Hash32.Parse(tx.GetProperty("hash").GetString()!), ct);
                if (receipt!.Succeeded)
                    continue;
                var call = new CallRequest { From = signer, To = Address.Parse(tx.GetProperty("to").GetString()!), Data = Hex.Decode(tx.GetProperty("input").GetString()!), Gas = 1_500_000 };
                try
                {
                    await devnet.Rpc.CallAsync(call, BlockParameter.At(n - 1), ct);
                    failed.Add((n, OutcomeKind.Reverted, "replay succeeded"));
                }
                catch (JsonRpcRevertException e)
                {
                    var (kind, name, _) = RevertClassifier.Classify(e.RevertData);
                    failed.Add((n, kind, name));
                }
            }
        }
        Assert.Equal(Enumerable.Range((int)nonces[0], nonces.Count).Select(i => (ulong)i), nonces);
        return failed;
    }
}
