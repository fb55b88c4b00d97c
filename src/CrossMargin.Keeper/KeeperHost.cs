using System.Numerics;
using System.Threading.Channels;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Keeper.Book;
using CrossMargin.Keeper.Feed;
using CrossMargin.Keeper.Metrics;
using CrossMargin.Keeper.Pipeline;
using CrossMargin.Keeper.Sending;
using Prometheus;

namespace CrossMargin.Keeper;

/// <summary>
/// The keeper, started in-process: subscribes to the chain (WebSocket, else HTTP polling), loads one consistent
/// book (checkpoint + catch-up, or the whole log history), re-tracks transactions a previous run left in flight, and
/// runs <see cref="KeeperLoop"/> until disposed. Outcomes stream from <see cref="Outcomes"/>; metrics live in
/// <see cref="MetricsRegistry"/> (served on <see cref="KeeperOptions.MetricsPort"/> if set).
/// </summary>
public sealed class KeeperHost : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly KeeperOptions _options;
    private readonly CancellationTokenSource _stop;
    private readonly KeeperLoop _loop;
    private readonly IAsyncDisposable _feed;
    private readonly System.Threading.ITimer _timer;
    private readonly CheckpointWriter _writer;
    private readonly MetricServer? _server;
    private readonly Task _run;

    private KeeperHost(KeeperOptions options, KeeperLoop loop, IAsyncDisposable feed, System.Threading.ITimer timer, CheckpointWriter writer, MetricServer? server, CancellationTokenSource stop, bool resumed, bool webSocket)
    {
        _options = options;
        _loop = loop;
        _feed = feed;
        _timer = timer;
        _writer = writer;
        _server = server;
        _stop = stop;
        Resumed = resumed;
        UsesWebSocket = webSocket;
        _run = Task.Run(() => RunAsync(stop.Token));
    }

    /// <summary>The book came from the checkpoint (plus the logs after it), not from the whole history.</summary>
    public bool Resumed { get; }

    /// <summary>False when the WebSocket was unavailable and the keeper polls over HTTP.</summary>
    public bool UsesWebSocket { get; }

    public Address Signer => _options.Key.Address;

    public CollectorRegistry MetricsRegistry { get; private set; } = null!;

    /// <summary>Outcomes as they happen; buffers the last <see cref="KeeperOptions.OutcomeWindow"/> when not read.</summary>
    public ChannelReader<AttemptOutcome> Outcomes => _loop.Outcomes;

    /// <summary>The most recent outcomes, oldest first (a copy; at most <see cref="KeeperOptions.OutcomeWindow"/>).</summary>
    public IReadOnlyList<AttemptOutcome> History => _loop.History;

    /// <summary>Accounts in the book.</summary>
    public int BookSize => _loop.Book.Risk.Accounts.Count;

    internal KeeperLoop Loop => _loop;

    /// <summary>Completes when the loop stops (it only stops on dispose).</summary>
    public Task Completion => _run;

    public static async Task<KeeperHost> StartAsync(KeeperOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rpc = new JsonRpcClient(Http, options.RpcUrl, new JsonRpcClientOptions { TimeProvider = options.TimeProvider, RequestTimeout = TimeSpan.FromSeconds(30) });
        var chainId = await rpc.ChainIdAsync(ct);
        var sender = new TransactionSender(rpc, options.Key, chainId, new TransactionSenderOptions { TimeProvider = options.TimeProvider });
        var registry = options.MetricsRegistry ?? Prometheus.Metrics.NewCustomRegistry();
        var metrics = new KeeperMetrics(registry);
        var channel = Channel.CreateUnbounded<FeedItem>(new UnboundedChannelOptions { SingleReader = true });
        // Subscribe before reading the head: logs mined in between arrive twice and the book drops the repeats.
        WebSocketFeed? ws = null;
        if (options.WebSocketUrl is { } url)
        {
            try
            {
                ws = await WebSocketFeed.StartAsync(url, rpc, channel.Writer, ct);
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or JsonRpcException or JsonRpcTransportException or IOException or TimeoutException)
            {
                metrics.Errors.WithLabels("websocket").Inc();
            }
        }
        var head = await rpc.BlockNumberAsync(ct);
        var loader = new BookLoader(rpc, options.Engine, chainId);
        var checkpoint = options.CheckpointPath is { } path ? ReadOrNull<Checkpoint>(path) : null;
        var (book, resumed) = await loader.LoadAsync(checkpoint, head, ct);
        var writer = new CheckpointWriter();
        var tracker = new AttemptTracker(sender, options.Key, options.Engine, options);
        if (options.CheckpointPath is { } p2 && ReadOrNull<List<InflightRow>>(KeeperOptions.InflightPath(p2)) is { } rows)
        {
            foreach (var row in rows)
                tracker.Restore(tracker.FromRow(row, System.Diagnostics.Stopwatch.GetTimestamp()));
        }
        var loop = new KeeperLoop(options, rpc, sender, loader, book, tracker, metrics, writer, channel);
        loop.SetHead(head);
        if (!options.DryRun && options.ApproveQuote)
            await ApproveQuoteAsync(rpc, sender, options.Engine, book.Risk.Parameters.Quote, ct);
        IAsyncDisposable feed = ws is not null ? ws : new PollingFeed(rpc, book.Position.CompleteBlock + 1, options.PollInterval, options.TimeProvider, channel.Writer);
        var timer = options.TimeProvider.CreateTimer(_ => channel.Writer.TryWrite(new TimerElapsed(System.Diagnostics.Stopwatch.GetTimestamp())), null, options.PollInterval, options.PollInterval);
        MetricServer? server = null;
        if (options.MetricsPort is { } port)
        {
            server = new MetricServer(hostname: "127.0.0.1", port: port, registry: registry);
            server.Start();
        }
        // The first pass runs on the loaded book without waiting for the next block.
        channel.Writer.TryWrite(new HeadReceived(await rpc.GetBlockByNumberAsync(BlockParameter.Latest, ct) ?? throw new InvalidOperationException("no latest block"), System.Diagnostics.Stopwatch.GetTimestamp()));
        return new KeeperHost(options, loop, feed, timer, writer, server, CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None), resumed, ws is not null)
        {
            MetricsRegistry = registry,
        };
    }

    /// <summary>Completes after a loop iteration in which nothing is in flight or held back, the last pass found
    /// nothing to send, and the book holds the logs of <paramref name="block"/>.</summary>
    public Task WaitUntilIdleAsync(ulong block, CancellationToken ct) =>
        _loop.WaitAsync(() => _loop.Book.Position.Block >= block && _loop.Head >= block && _loop.Idle, ct);

    /// <summary>One line of loop state for diagnostics (racy read; for humans).</summary>
    public string Describe() => _loop.Describe();

    /// <summary>Graceful stop: the loop ends, a final checkpoint and the in-flight file are written.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
            return;
        await StopAsync();
        if (_options.CheckpointPath is { } path)
        {
            var snapshot = _loop.Snapshot();
            _writer.Post(path, () => CheckpointCodec.Serialize(snapshot));
            _loop.PostInflight();
            await _writer.FlushAsync();
        }
    }

    /// <summary>Abrupt stop, as if the process died: no final checkpoint (the last periodic one stays on disk).</summary>
    internal async Task KillAsync() => await StopAsync();

    private async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _timer.DisposeAsync();
        await _feed.DisposeAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
        }
        _server?.Dispose();
    }

    private async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await _loop.RunAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private static T? ReadOrNull<T>(string path) where T : class
    {
        try
        {
            return CheckpointCodec.Read<T>(path);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return null; // unreadable: start from the chain
        }
    }

    private static async Task ApproveQuoteAsync(IJsonRpcClient rpc, TransactionSender sender, Address engine, Address quote, CancellationToken ct)
    {
        var allowance = MockERC20Contract.Abi.GetFunction("allowance");
        var result = await rpc.CallAsync(new CallRequest { To = quote, Data = allowance.EncodeCall(sender.Address, engine) }, BlockParameter.Latest, ct);
        if ((BigInteger)allowance.DecodeOutput(result)[0] >= BigInteger.Pow(2, 255))
            return;
        var approve = MockERC20Contract.Abi.GetFunction("approve").EncodeCall(engine, BigInteger.Pow(2, 256) - 1);
        await sender.SendAsync(new TransactionRequest { To = quote, Data = approve }, ct);
    }
}
