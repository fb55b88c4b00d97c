using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Hosting;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>
/// Anvil with the devnet and one funded CROSS account, an in-process indexer following the head (newHeads) and the API
/// host sharing its status: the `crossmargin up` arrangement. Each test gets its own (the tests change the chain).
/// </summary>
internal sealed class FollowingDevnet : IAsyncDisposable
{
    private static readonly HttpClient Http = new();
    private readonly CancellationTokenSource _stop = new();
    private AnvilNode _anvil = null!;
    private TempSqlite _file = null!;
    private Task _running = Task.CompletedTask;

    public DevnetOwner Devnet { get; private set; } = null!;

    public IndexerHost Indexer { get; private set; } = null!;

    public ApiHost Api { get; private set; } = null!;

    public string ConnectionString => _file.ConnectionString;

    public string RpcUrl => _anvil.HttpUrl.ToString();

    public static async Task<FollowingDevnet> StartAsync()
    {
        var f = new FollowingDevnet();
        f._anvil = await AnvilNode.StartAsync();
        var rpc = new JsonRpcClient(Http, f._anvil.HttpUrl);
        f.Devnet = await DevnetDeployment.DeployAsync(rpc, f._anvil.Accounts[0], default);
        var d = f.Devnet;
        await d.SendAsync(d.Usdc, Artifacts.Erc20.GetFunction("mint").EncodeCall(Address.Parse(d.Deployer).ToArray(), BigInteger.Pow(10, 15)), default);
        await d.SendAsync(d.Engine, Artifacts.Engine.GetFunction("openAccount").EncodeCall(1), default);
        await f.DepositAsync(10_000);
        f._file = new TempSqlite();
        var options = IndexRun.Options(f._anvil.HttpUrl, DevnetDeployment.Of(d), f._file.ConnectionString) with { WsUrl = f._anvil.WsUrl, StopAfterBackfill = false };
        f.Indexer = new IndexerHost(options);
        f._running = f.Indexer.RunAsync(f._stop.Token);
        f.Api = await ApiHost.StartAsync(new ApiOptions { ConnectionString = f._file.ConnectionString, Port = 0 }, f.Indexer.Status);
        await f.WaitIndexedAtHeadAsync();
        return f;
    }

    public Task DepositAsync(long usdc) =>
        Devnet.SendAsync(Devnet.Engine, Artifacts.Engine.GetFunction("deposit").EncodeCall(1, Devnet.Usdc.ToArray(), usdc * BigInteger.Pow(10, 6)), default);

    /// <summary>Until the indexer has committed the chain's current head (fails with the indexer's error if it stopped).</summary>
    public async Task WaitIndexedAtHeadAsync()
    {
        var head = (long)await Devnet.Rpc.BlockNumberAsync(default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (Indexer.Status.IndexedBlock < head)
        {
            if (_running.IsCompleted)
                await _running;
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }
        await Api.DisposeAsync();
        _file.Dispose();
        await _anvil.DisposeAsync();
        _stop.Dispose();
    }
}
