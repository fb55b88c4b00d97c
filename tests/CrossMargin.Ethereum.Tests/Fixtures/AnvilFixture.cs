namespace CrossMargin.Ethereum.Tests.Fixtures;

/// <summary>xunit fixture owning one anvil for a test collection (see <see cref="AnvilCollection"/>).</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilInstance? _anvil;

    public AnvilInstance Anvil => _anvil ?? throw new InvalidOperationException("fixture not initialised");

    public Uri HttpUrl => Anvil.HttpUrl;

    public Uri WsUrl => Anvil.WsUrl;

    public IReadOnlyList<string> Accounts => Anvil.Accounts;

    public IReadOnlyList<string> PrivateKeys => Anvil.PrivateKeys;

    public async Task InitializeAsync() => _anvil = await AnvilInstance.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync().ConfigureAwait(false);
    }
}
