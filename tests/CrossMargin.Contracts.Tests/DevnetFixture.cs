using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Tests.Fixtures;

namespace CrossMargin.Contracts.Tests;

/// <summary>One anvil with the devnet deployed once; tests in <see cref="DevnetCollection"/> run serially.</summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private AnvilInstance? _anvil;
    private Devnet? _devnet;

    internal Devnet Devnet => _devnet ?? throw new InvalidOperationException("fixture not initialised");

    public AnvilInstance Anvil => _anvil ?? throw new InvalidOperationException("fixture not initialised");

    public JsonRpcClient Rpc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilInstance.StartAsync();
        Rpc = new JsonRpcClient(Http, _anvil.HttpUrl);
        _devnet = await Devnet.DeployAsync(Rpc, Devnet.Ct());
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }
}
