using CrossMargin.Contracts;
using CrossMargin.Indexer.Hosting;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>Runs an in-process indexer: to the current head and stop, or following until a block is indexed.</summary>
internal static class IndexRun
{
    public static IndexerOptions Options(Uri rpc, Deployment deployment, string connectionString) => new()
    {
        RpcUrl = rpc,
        Deployment = deployment,
        ConnectionString = connectionString,
        PollInterval = TimeSpan.FromMilliseconds(50),
        StopAfterBackfill = true,
    };

    public static async Task<IndexerStatus> BackfillAsync(IndexerOptions options, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        var host = new IndexerHost(options with { StopAfterBackfill = true });
        await host.RunAsync(cts.Token);
        return host.Status;
    }

    /// <summary>Waits until the following indexer has committed <paramref name="block"/> (or later).</summary>
    public static async Task WaitForBlockAsync(IndexerStatus status, long block, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (status.IndexedBlock < block)
            await Task.Delay(10, cts.Token);
    }
}
