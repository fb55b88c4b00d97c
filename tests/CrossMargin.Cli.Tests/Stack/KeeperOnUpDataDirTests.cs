using CrossMargin.Cli.Stack;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;
using Microsoft.Extensions.Logging.Abstractions;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Tests.Stack;

/// <summary>
/// Issue 15: `up` kept the keeper checkpoint in keeper/checkpoint.json while `crossmargin keeper --data-dir` used
/// keeper-checkpoint.json, so a keeper started on up's data directory reloaded the whole history instead of resuming
/// up's book. One layout now (DataDirectory); an old-layout checkpoint is still resumed.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class KeeperOnUpDataDirTests
{
    private const string KeyVariable = "CROSSMARGIN_TEST_ISSUE15_KEEPER_KEY";
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Issue15_KeeperWithDataDirOfUp_ResumesUpsCheckpoint_AndAnOldLayoutCheckpoint()
    {
        using var env = new StackTestEnvironment();
        await using (var up = await DevStack.StartAsync(env.Options, NullLoggerFactory.Instance, _ => { }, CancellationToken.None))
        {
            await up.Rpc.SendTransactionAsync(new CallRequest
            {
                From = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906"), // anvil dev account 3
                To = up.Deployment.Engine,
                Data = E.OpenAccountFunction.Encode((byte)MarginMode.Cross),
            }, CancellationToken.None);
            await UpTests.WaitUntilAsync(() => Task.FromResult(up.Keeper!.BookSize == 1), "account 1 in up's keeper book");
        }
        var layout = new DataDirectory(env.DataDir);
        Assert.True(File.Exists(layout.KeeperCheckpoint), "up wrote its keeper checkpoint");

        // `up --no-keeper` on the same directory serves the chain; the keeper runs as its own process.
        await using var node = await DevStack.StartAsync(env.Options with { Keeper = false }, NullLoggerFactory.Instance, _ => { }, CancellationToken.None);
        Environment.SetEnvironmentVariable(KeyVariable, DevStack.DefaultKeeperKey); // inherited by the child, never on its command line
        try
        {
            string[] args = ["keeper", "--rpc-url", node.RpcUrl.ToString(), "--ws-url", node.WsUrl!.ToString(), "--deployment", layout.Deployment,
                "--data-dir", env.DataDir, "--key-env", KeyVariable];
            await using (var keeper = new CliProcess(args))
            {
                await keeper.WaitForAsync("ready (Ctrl-C stops)", Startup);
                Assert.Contains($"book 1 accounts (resumed from checkpoint), checkpoint {layout.KeeperCheckpoint}", keeper.Output, StringComparison.Ordinal);
                Assert.Equal(0, await keeper.TerminateAsync(TimeSpan.FromSeconds(60)));
            }

            // A checkpoint written by an older `crossmargin keeper --data-dir` (keeper-checkpoint.json) is resumed too.
            File.Move(layout.KeeperCheckpoint, Path.Combine(env.DataDir, "keeper-checkpoint.json"));
            File.Move(layout.KeeperCheckpoint + ".inflight.json", Path.Combine(env.DataDir, "keeper-checkpoint.json.inflight.json"));
            await using (var keeper = new CliProcess(args))
            {
                await keeper.WaitForAsync("ready (Ctrl-C stops)", Startup);
                Assert.Contains("checkpoint moved from the old layout", keeper.Output, StringComparison.Ordinal);
                Assert.Contains("book 1 accounts (resumed from checkpoint)", keeper.Output, StringComparison.Ordinal);
                Assert.Equal(0, await keeper.TerminateAsync(TimeSpan.FromSeconds(60)));
            }
            Assert.True(File.Exists(layout.KeeperCheckpoint), "the final checkpoint is in the new layout");
            Assert.False(File.Exists(Path.Combine(env.DataDir, "keeper-checkpoint.json")), "the old file is gone");
        }
        finally
        {
            Environment.SetEnvironmentVariable(KeyVariable, null);
        }
    }
}
