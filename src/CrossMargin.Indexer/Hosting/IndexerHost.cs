using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Ingestion;
using CrossMargin.Indexer.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrossMargin.Indexer.Hosting;

/// <summary>
/// Runs the indexer in-process until cancelled: backfill, then follow the head (newHeads over <see cref="IndexerOptions.WsUrl"/>
/// when given, with polling as the fallback). Restart-safe: it resumes from the database checkpoint.
/// </summary>
public sealed class IndexerHost(IndexerOptions options, ILoggerFactory? loggerFactory = null)
{
    private readonly ILoggerFactory _loggers = loggerFactory ?? NullLoggerFactory.Instance;

    public IndexerStatus Status { get; } = new();

    public async Task RunAsync(CancellationToken ct)
    {
        var logger = _loggers.CreateLogger("CrossMargin.Indexer");
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var rpc = new JsonRpcClient(http, options.RpcUrl, new JsonRpcClientOptions
        {
            MaxBatchSize = options.RpcBatchSize,
            RequestTimeout = TimeSpan.FromSeconds(60),
            Retry = new RetryOptions { MaxAttempts = 2 },
            TimeProvider = options.TimeProvider,
        });
        var indexer = new ChainIndexer(rpc, new IndexerDatabase(options.ConnectionString), options, Status, logger);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var heads = options.WsUrl is { } ws ? FollowHeadsAsync(ws, rpc, indexer, logger, stop.Token) : Task.CompletedTask;
        logger.LogInformation("Indexing engine {Engine} and {Feeds} feeds from {Rpc}", options.Deployment.Engine, options.Deployment.Feeds.Count, options.RpcUrl);
        try
        {
            await indexer.RunAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await heads.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
        }
    }

    /// <summary>Each newHeads notification wakes the indexer; if the socket cannot be opened, polling carries on alone.</summary>
    private static async Task FollowHeadsAsync(Uri ws, IJsonRpcClient http, ChainIndexer indexer, ILogger logger, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var client = new EthWebSocketClient(ws, http);
                await client.ConnectAsync(ct).ConfigureAwait(false);
                await using var heads = await client.SubscribeNewHeadsAsync(ct).ConfigureAwait(false);
                logger.LogInformation("Following newHeads on {Ws}", ws);
                await foreach (var _ in heads.ReadAllAsync(ct).ConfigureAwait(false))
                    indexer.Wake();
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning("newHeads subscription unavailable ({Error}); polling until it is back", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
            }
        }
    }
}
