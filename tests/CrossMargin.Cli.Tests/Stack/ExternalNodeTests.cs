using CrossMargin.Cli.Stack;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Tests.Stack;

/// <summary>`up --rpc-url/--ws-url --deployment --postgres`: the services against a node `up` did not start, index in PostgreSQL.</summary>
[Collection(StackCollection.Name)]
public sealed class ExternalNodeTests
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    [Fact]
    public async Task Up_ExistingNodeAndPostgres_StartsNoNodeAndIndexesIntoPostgres()
    {
        using var nodeEnv = new StackTestEnvironment();
        using var env = new StackTestEnvironment();
        var postgres = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        // The "existing node": another stack's Anvil with the contracts deployed, its own services off.
        await using var node = await DevStack.StartAsync(nodeEnv.Options with { Keeper = false }, NullLoggerFactory.Instance, _ => { }, CancellationToken.None);
        var options = env.Options with
        {
            RpcUrl = node.RpcUrl,
            WsUrl = node.WsUrl,
            DeploymentPath = Path.Combine(nodeEnv.DataDir, "deployment.json"),
            Postgres = postgres,
        };
        await using var up = await DevStack.StartAsync(options, NullLoggerFactory.Instance, _ => { }, CancellationToken.None);
        Assert.True(up.Resumed, "an existing deployment is used, never redeployed");
        Assert.Equal(node.Deployment.Engine, up.Deployment.Engine);
        Assert.False(File.Exists(Path.Combine(env.DataDir, "anvil.pid")), "no node of its own");
        Assert.False(File.Exists(options.Layout.IndexDb), "the index is not in SQLite");
        Assert.NotNull(up.Keeper);

        await node.Rpc.SendTransactionAsync(new CallRequest
        {
            From = Address.Parse("0x90F79bf6EB2c4f870365E785982E1f101E93b906"), // anvil dev account 3
            To = node.Deployment.Engine,
            Data = E.OpenAccountFunction.Encode((byte)MarginMode.Portfolio),
        }, CancellationToken.None);

        var api = new Uri($"http://127.0.0.1:{env.ApiPort}/");
        await UpTests.WaitUntilAsync(async () => (await Http.GetStringAsync(new Uri(api, "accounts"))).Contains("\"id\":1", StringComparison.Ordinal), "account 1 served");
        await using var pg = new NpgsqlConnection(postgres);
        await pg.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT owner, mode FROM accounts WHERE id = 1", pg);
        await using var row = await query.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync(), "account 1 is in PostgreSQL");
        Assert.Equal("0x90F79bf6EB2c4f870365E785982E1f101E93b906", row.GetString(0));
        Assert.Equal((int)MarginMode.Portfolio, row.GetInt32(1));
    }
}
