using CrossMargin.Contracts;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Hosting;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>xunit fixture: anvil, the devnet deployed from abi/, and the <see cref="ScriptedSession"/> run on it.</summary>
public sealed class ScriptedDevnet : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private AnvilNode? _anvil;

    internal DevnetOwner Devnet { get; private set; } = null!;
    public JsonRpcClient Rpc { get; private set; } = null!;
    public Uri RpcUrl => _anvil!.HttpUrl;
    public Uri WsUrl => _anvil!.WsUrl;
    public Deployment Deployment { get; private set; } = null!;
    public ulong Accounts => 5;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilNode.StartAsync();
        Rpc = new JsonRpcClient(Http, _anvil.HttpUrl);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Devnet = await DevnetDeployment.DeployAsync(Rpc, _anvil.Accounts[0], cts.Token);
        Deployment = DevnetDeployment.Of(Devnet);
        await new ScriptedSession(Devnet, _anvil.Accounts[1]).RunAsync(cts.Token);
    }

    private readonly SemaphoreSlim _apiGate = new(1, 1);
    private ApiHost? _api;
    private TempSqlite? _apiDb;

    /// <summary>The session indexed once into SQLite and served by an API host on a free port (shared by the API tests).</summary>
    public async Task<ApiHost> ApiAsync()
    {
        await _apiGate.WaitAsync();
        try
        {
            if (_api is null)
            {
                _apiDb = new TempSqlite();
                await IndexRun.BackfillAsync(IndexRun.Options(RpcUrl, Deployment, _apiDb.ConnectionString));
                _api = await ApiHost.StartAsync(new ApiOptions { ConnectionString = _apiDb.ConnectionString, Port = 0 });
            }
            return _api;
        }
        finally
        {
            _apiGate.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
            await _api.DisposeAsync();
        _apiDb?.Dispose();
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ScriptedDevnetCollection : ICollectionFixture<ScriptedDevnet>
{
    public const string Name = "scripted devnet";
}
