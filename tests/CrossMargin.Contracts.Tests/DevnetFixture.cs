using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Contracts.Tests;

/// <summary>One anvil with the devnet deployed once; tests in <see cref="DevnetCollection"/> run serially.</summary>
public sealed class DevnetFixture : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private AnvilNode? _anvil;
    private OneMarketDevnet? _devnet;

    internal OneMarketDevnet Devnet => _devnet ?? throw new InvalidOperationException("fixture not initialised");

    public AnvilNode Anvil => _anvil ?? throw new InvalidOperationException("fixture not initialised");

    public JsonRpcClient Rpc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _anvil = await AnvilNode.StartAsync();
        Rpc = new JsonRpcClient(Http, _anvil.HttpUrl);
        _devnet = await OneMarketDevnet.DeployAsync(Rpc, OneMarketDevnet.Ct());
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync();
    }
}
