using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Cli.Tests.Wallet;

/// <summary>
/// xunit class fixture: anvil on a free port with the contracts deployed (TestKit's DevnetOwner, i.e. DevnetContracts),
/// a deployment.json like `crossmargin up` writes, and each funded dev key in its own environment variable.
/// </summary>
public sealed class WalletDevnet : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private AnvilNode? _anvil;
    private readonly string _dir = System.IO.Directory.CreateTempSubdirectory("crossmargin-cli-").FullName;

    internal DevnetOwner Devnet { get; private set; } = null!;

    public JsonRpcClient Rpc { get; private set; } = null!;

    public string RpcUrl => _anvil!.HttpUrl.ToString();

    public string DeploymentFile => Path.Combine(_dir, "deployment.json");

    public string WorkDirectory => _dir;

    public string Address(int index) => _anvil!.Accounts[index];

    /// <summary>Name of the environment variable holding dev key <paramref name="index"/> (unique per fixture, so parallel classes do not collide).</summary>
    public string KeyVariable(int index) => $"CROSSMARGIN_TEST_KEY_{_anvil!.Port}_{index}";

    public string PrivateKey(int index) => _anvil!.PrivateKeys[index];

    public async Task InitializeAsync()
    {
        _anvil = await AnvilNode.StartAsync();
        Rpc = new JsonRpcClient(Http, _anvil.HttpUrl);
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Devnet = new DevnetOwner(Rpc, _anvil.Accounts[0]);
        await Devnet.DeployAsync(cts.Token);
        await File.WriteAllTextAsync(DeploymentFile, Devnet.DeploymentJson());
        for (var i = 0; i < _anvil.PrivateKeys.Count; i++)
            Environment.SetEnvironmentVariable(KeyVariable(i), _anvil.PrivateKeys[i]);
    }

    public async Task DisposeAsync()
    {
        if (_anvil is not null)
        {
            for (var i = 0; i < _anvil.PrivateKeys.Count; i++)
                Environment.SetEnvironmentVariable(KeyVariable(i), null);
            await _anvil.DisposeAsync();
        }
        System.IO.Directory.Delete(_dir, recursive: true);
    }
}
