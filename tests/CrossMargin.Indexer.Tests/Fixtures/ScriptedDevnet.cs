using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Tests.Fixtures;
using CrossMargin.Indexer.Hosting;
using CrossMargin.Risk.Tests.Fixtures;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>xunit fixture: anvil, the devnet deployed from abi/, and the <see cref="ScriptedSession"/> run on it.</summary>
public sealed class ScriptedDevnet : IAsyncLifetime
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(2) };
    private AnvilInstance? _anvil;

    internal Devnet Devnet { get; private set; } = null!;
    public JsonRpcClient Rpc { get; private set; } = null!;
    public Uri RpcUrl => _anvil!.HttpUrl;
    public Uri WsUrl => _anvil!.WsUrl;
    public Deployment Deployment { get; private set; } = null!;
    public ulong Accounts => 5;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilInstance.StartAsync();
        Rpc = new JsonRpcClient(Http, _anvil.HttpUrl);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Devnet = await DevnetDeployment.DeployAsync(Rpc, _anvil.Accounts[0], cts.Token);
        Deployment = DevnetDeployment.Of(Devnet);
        await new ScriptedSession(Devnet, _anvil.Accounts[1]).RunAsync(cts.Token);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ScriptedDevnetCollection : ICollectionFixture<ScriptedDevnet>
{
    public const string Name = "scripted devnet";
}
