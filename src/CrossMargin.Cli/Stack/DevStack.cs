using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Indexer.Hosting;
using CrossMargin.Keeper;
using Microsoft.Extensions.Logging;

namespace CrossMargin.Cli.Stack;

/// <summary>
/// Devnet, indexer, query API and keeper in one process. Start order: node, contracts (deployed once), API (it applies
/// the schema), indexer, keeper. Dispose stops them in reverse: the keeper writes its checkpoint, the indexer's last
/// range is already committed with its checkpoint, then an Anvil this stack started gets SIGINT and saves its state.
/// A second start on the same data directory resumes the chain, the index and the keeper's book.
/// </summary>
internal sealed class DevStack : IAsyncDisposable
{
    /// <summary>Anvil's dev account 1 for the default mnemonic: funded, and not the deployer (account 0).</summary>
    public const string DefaultKeeperKey = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
    /// <summary>Anvil's dev account 0, the devnet's deployer (DevnetContracts.AnvilDevKey0).</summary>
    private static readonly Address Deployer = PrivateKey.FromHex(DevnetContracts.AnvilDevKey0).Address;
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly CancellationTokenSource _stop = new();
    private AnvilNode? _anvil;
    private ApiHost? _api;
    private Task _indexerRun = Task.CompletedTask;

    private DevStack(StackOptions options) => Options = options;

    public StackOptions Options { get; }
    public Uri RpcUrl { get; private set; } = null!;
    public Uri? WsUrl { get; private set; }
    public ulong ChainId { get; private set; }
    public JsonRpcClient Rpc { get; private set; } = null!;
    public Deployment Deployment { get; private set; } = null!;

    /// <summary>The deployment.json in use (the data directory's, or --deployment).</summary>
    public string DeploymentPath { get; private set; } = null!;

    /// <summary>False when this start deployed the contracts.</summary>
    public bool Resumed { get; private set; }

    /// <summary>True when this stack started (and owns) the Anvil node.</summary>
    public bool OwnsNode => _anvil is not null;
    public IndexerHost Indexer { get; private set; } = null!;
    public Uri ApiUrl => _api!.Url;
    public KeeperHost? Keeper { get; private set; }
    public Uri? KeeperMetricsUrl => Keeper is null ? null : new Uri($"http://127.0.0.1:{Options.KeeperMetricsPort}/metrics");

    /// <summary>Completes if the indexer or keeper stops on its own (throwing its error); they only stop on dispose
    /// otherwise, so this normally ends with <paramref name="ct"/>.</summary>
    public async Task WaitForFailureAsync(CancellationToken ct)
    {
        var stopped = await Task.WhenAny(_indexerRun, Keeper?.Completion ?? Task.Delay(Timeout.Infinite, ct)).WaitAsync(ct).ConfigureAwait(false);
        await stopped.ConfigureAwait(false);
    }

    public static async Task<DevStack> StartAsync(StackOptions options, ILoggerFactory loggers, Action<string> progress, CancellationToken ct)
    {
        var stack = new DevStack(options);
        try
        {
            await stack.StartCoreAsync(loggers, progress, ct).ConfigureAwait(false);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task StartCoreAsync(ILoggerFactory loggers, Action<string> progress, CancellationToken ct)
    {
        Directory.CreateDirectory(Options.DataDir);
        if (Options.RpcUrl is null)
        {
            progress($"starting anvil on http://127.0.0.1:{Options.AnvilPort} (state: {Options.Layout.AnvilState})");
            _anvil = await AnvilNode.StartPersistentAsync(Options.Layout.AnvilState, Options.Layout.AnvilPid, Options.AnvilPort, ct).ConfigureAwait(false);
        }
        RpcUrl = _anvil?.HttpUrl ?? Options.RpcUrl!;
        WsUrl = _anvil?.WsUrl ?? Options.WsUrl;
        Rpc = new JsonRpcClient(Http, RpcUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(60), MaxBatchSize = 500 });
        ChainId = await Rpc.ChainIdAsync(ct).ConfigureAwait(false);
        await EnsureDeployedAsync(progress, ct).ConfigureAwait(false);

        Indexer = new IndexerHost(new IndexerOptions
        {
            RpcUrl = RpcUrl,
            WsUrl = WsUrl,
            Deployment = Deployment,
            ConnectionString = Options.ConnectionString,
        }, loggers);
        // Both hosts apply the schema migrations (Migrator serialises them under the database's write lock); the API
        // starts first so its port is bound before the banner names it.
        _api = await ApiHost.StartAsync(new ApiOptions { ConnectionString = Options.ConnectionString, Port = Options.ApiPort }, Indexer.Status, loggers, ct).ConfigureAwait(false);
        _indexerRun = Task.Run(() => Indexer.RunAsync(_stop.Token), CancellationToken.None);
        if (Options.Keeper)
        {
            var key = Options.KeeperSigner?.Load(Cli.Options.PasswordPrompt.Read) ?? PrivateKey.FromHex(DefaultKeeperKey);
            if (OwnsNode)
                await FundKeeperAsync(key.Address, ct).ConfigureAwait(false);
            if (Options.Layout.PrepareKeeperCheckpoint())
                progress($"keeper checkpoint moved from the old layout to {Options.Layout.KeeperCheckpoint}");
            progress($"starting keeper {key.Address}");
            Keeper = await KeeperHost.StartAsync(new KeeperOptions
            {
                RpcUrl = RpcUrl,
                WebSocketUrl = WsUrl,
                Engine = Deployment.Engine,
                Key = key,
                CheckpointPath = Options.Layout.KeeperCheckpoint,
                MetricsPort = Options.KeeperMetricsPort,
            }, ct).ConfigureAwait(false);
        }
    }

    private async Task EnsureDeployedAsync(Action<string> progress, CancellationToken ct)
    {
        var path = DeploymentPath = Options.DeploymentPath ?? Options.Layout.Deployment;
        if (await DevnetDeployment.IsLiveAsync(Rpc, path, ct).ConfigureAwait(false))
        {
            if (Options.DeploymentPath is not null || DevnetDeployment.MatchesBuild(path))
            {
                Resumed = true;
                Deployment = Deployment.Load(path);
                progress("contracts already deployed (resuming)");
                return;
            }
            progress("the contracts changed since this devnet was deployed (abi/ differs): deploying the new build");
        }
        if (Options.DeploymentPath is not null && !File.Exists(path))
            throw new FileNotFoundException($"deployment file {path} does not exist");
        if (Options.DeploymentPath is not null)
            throw new InvalidOperationException($"{path}: the engine it names has no code on {RpcUrl} (wrong node or file?)");
        // A new chain: an index or keeper checkpoint left from an earlier chain would describe other contracts.
        foreach (var stale in Options.Layout.ChainBoundFiles)
        {
            if (File.Exists(stale))
                File.Delete(stale);
        }
        progress("deploying and configuring contracts (abi/ bytecode, the configuration of contracts/script/Deploy.s.sol)");
        Deployment = await DevnetDeployment.DeployAsync(Rpc, path, ct).ConfigureAwait(false);
    }

    /// <summary>On the local devnet the keeper gets ether for gas and USDC for collateral liquidations (they repay debt).</summary>
    private async Task FundKeeperAsync(Address keeper, CancellationToken ct)
    {
        var eth = await Rpc.GetBalanceAsync(keeper, BlockParameter.Latest, ct).ConfigureAwait(false);
        if ((BigInteger)eth < BigInteger.Pow(10, 20))
            await Rpc.SetBalanceAsync(keeper, (UInt256)BigInteger.Pow(10, 22), ct).ConfigureAwait(false);
        var balance = MockERC20Contract.BalanceOfFunction.DecodeResult(await Rpc.CallAsync(new CallRequest { To = Deployment.Usdc, Data = MockERC20Contract.BalanceOfFunction.Encode(keeper) }, BlockParameter.Latest, ct).ConfigureAwait(false));
        if ((BigInteger)balance >= BigInteger.Pow(10, 11))
            return;
        // Anvil's dev accounts are unlocked: account 0 (the deployer) mints; MockERC20.mint is open on the devnet.
        var mint = MockERC20Contract.MintFunction.Encode(keeper, (UInt256)BigInteger.Pow(10, 12));
        var hash = await Rpc.SendTransactionAsync(new CallRequest { From = Deployer, To = Deployment.Usdc, Data = mint }, ct).ConfigureAwait(false);
        while (await Rpc.GetTransactionReceiptAsync(hash, ct).ConfigureAwait(false) is null)
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct).ConfigureAwait(false); // automine: mined at once; poll interval only
    }

    /// <summary>Stops keeper, indexer, API, then the node; a failing step does not keep the later ones (above all the
    /// node's state save) from running.</summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(15);

    public async ValueTask DisposeAsync()
    {
        var errors = new List<Exception>();
        // Each step is bounded: a service that hangs on stop is reported by name and the later steps still run (above
        // all Anvil's SIGINT, which saves the chain state).
        async Task Step(string name, Func<Task> stop)
        {
            try
            {
                await stop().WaitAsync(StepTimeout).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping: every committed index range carries its checkpoint.
            }
            catch (TimeoutException)
            {
                errors.Add(new TimeoutException($"{name} did not stop within {StepTimeout.TotalSeconds:N0} s"));
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }
        await Step("keeper", async () =>
        {
            if (Keeper is not null)
                await Keeper.DisposeAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
        await Step("indexer", async () =>
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _indexerRun.ConfigureAwait(false);
        }).ConfigureAwait(false);
        await Step("query API", async () =>
        {
            if (_api is not null)
                await _api.DisposeAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
        await Step("anvil", async () =>
        {
            if (_anvil is not null)
                await _anvil.DisposeAsync().ConfigureAwait(false);
        }).ConfigureAwait(false);
        _stop.Dispose();
        if (errors.Count > 0)
            throw new AggregateException("stopping the stack", errors);
    }
}
