using CrossMargin.Devnet;
using Xunit;

namespace CrossMargin.TestKit;

/// <summary>xunit fixture owning one anvil for a test collection (each test project declares its collection).</summary>
public sealed class AnvilFixture : IAsyncLifetime
{
    private AnvilNode? _anvil;

    public AnvilNode Anvil => _anvil ?? throw new InvalidOperationException("fixture not initialised");

    public Uri HttpUrl => Anvil.HttpUrl;

    public Uri WsUrl => Anvil.WsUrl;

    public IReadOnlyList<string> Accounts => Anvil.Accounts;

    public IReadOnlyList<string> PrivateKeys => Anvil.PrivateKeys;

    public async Task InitializeAsync() => _anvil = await AnvilNode.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
            await _anvil.DisposeAsync().ConfigureAwait(false);
    }
}
