using CrossMargin.Contracts;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Risk.Events;

namespace CrossMargin.Cli.Wallet;

/// <summary>
/// One command's view of the chain: the node, the engine from deployment.json, the risk mirror rebuilt from the
/// engine's and feeds' events (CrossMargin.Risk's ChainLoader), the symbol registry, and the signer when needed.
/// </summary>
internal sealed class WalletSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly WalletSettings _settings;
    private readonly Func<string> _promptPassword;
    private PrivateKey? _key;
    private TransactionSender? _sender;

    private WalletSession(HttpClient http, IJsonRpcClient rpc, WalletSettings settings, Func<string> promptPassword, Address engine)
    {
        _http = http;
        Rpc = rpc;
        _settings = settings;
        _promptPassword = promptPassword;
        EngineAddress = engine;
    }

    public IJsonRpcClient Rpc { get; }

    public Address EngineAddress { get; }

    public ChainMirror Mirror { get; private set; } = null!;

    public AssetRegistry Registry { get; private set; } = null!;

    /// <summary>A read-only engine client (calls decode the contract's custom errors).</summary>
    public ContractClient Engine => new(MarginEngineContract.Binding, EngineAddress, Rpc, _sender);

    public static async Task<WalletSession> OpenAsync(WalletSettings settings, Func<string> promptPassword, CancellationToken ct)
    {
        if (!File.Exists(settings.DeploymentFile))
            throw new WalletException($"no deployment file at {settings.DeploymentFile}: start the devnet with `./crossmargin up`, or pass --deployment FILE");
        Deployment deployment;
        try
        {
            deployment = Deployment.Load(settings.DeploymentFile);
        }
        catch (FormatException e)
        {
            throw new WalletException($"deployment file {settings.DeploymentFile} is not valid: {e.Message}");
        }
        var http = new HttpClient();
        // Few, quick retries: a CLI user would rather hear at once that the node is down.
        var rpc = new JsonRpcClient(http, settings.RpcUrl, new JsonRpcClientOptions { Retry = new RetryOptions { MaxAttempts = 2 } });
        var session = new WalletSession(http, rpc, settings, promptPassword, deployment.Engine);
        try
        {
            await session.LoadAsync(ct);
            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Builds the mirror and registry at the current head.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        var head = await Rpc.BlockNumberAsync(ct);
        var loader = new ChainLoader(Rpc, MarginEngineContract.Abi, MockAggregatorContract.Abi);
        Mirror = await loader.LoadAsync(EngineAddress, head, ct);
        // The engine's constructor logs EngineCreated (the quote); without it there is no engine at that address.
        if (Mirror.Book.Parameters.QuoteScale.IsZero)
            throw new WalletException($"no MarginEngine at {EngineAddress} on {_settings.RpcUrl} (was the devnet restarted without its state? check --deployment)");
        Registry = await AssetRegistry.LoadAsync(Rpc, Mirror.Book.Parameters, ct);
    }

    /// <summary>The signing wallet; the key is loaded on first use, so read-only commands need none.</summary>
    public async Task<TransactionSender> SignerAsync(CancellationToken ct)
    {
        if (_sender is null)
        {
            _sender = await TransactionSender.CreateAsync(Rpc, Key(), new TransactionSenderOptions { PollInterval = TimeSpan.FromMilliseconds(100) }, ct);
        }
        return _sender;
    }

    /// <summary>The signer's address without creating a sender.</summary>
    public Address SignerAddress() => Key().Address;

    public async Task<ContractClient> SigningClientAsync(ContractBinding binding, Address address, CancellationToken ct) =>
        new(binding, address, Rpc, await SignerAsync(ct));

    // Loaded once: a keystore password is asked for at most once per command.
    private PrivateKey Key() => _key ??= _settings.Signer.Load(_promptPassword);

    public void Dispose() => _http.Dispose();
}
