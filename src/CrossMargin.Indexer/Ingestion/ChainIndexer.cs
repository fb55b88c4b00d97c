using System.Data.Common;
using System.Threading.Channels;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Hosting;
using CrossMargin.Indexer.Rows;
using CrossMargin.Indexer.Storage;
using Dapper;
using Microsoft.Extensions.Logging;

namespace CrossMargin.Indexer.Ingestion;

/// <summary>
/// The indexing loop: backfill to the head seen at start (ranges read ahead with bounded concurrency, written in
/// order, one transaction per range), then follow the head (woken by newHeads, else polling). Before each range the
/// stored tip hash is checked against the chain; on a mismatch the common ancestor is found among the stored headers
/// and everything above it is rolled back exactly (<see cref="Rollback"/>).
/// </summary>
internal sealed class ChainIndexer(IJsonRpcClient rpc, IndexerDatabase db, IndexerOptions options, IndexerStatus status, ILogger logger)
{
    private const string SelectCheckpoint = "SELECT block AS Block, hash AS Hash FROM checkpoint WHERE id = 1";
    private const string SelectMeta = "SELECT value FROM meta WHERE key = @key";
    private const string InsertMeta = "INSERT INTO meta (key, value) VALUES (@key, @value)";
    private const string InsertAsset = "INSERT INTO assets (address, decimals, block) VALUES (@Address, @Decimals, @Block) ON CONFLICT (address) DO NOTHING";
    private const string SelectAssets = "SELECT address FROM assets";
    private const string SelectStoredHashes = "SELECT number AS Number, hash AS Hash FROM blocks WHERE number <= @block ORDER BY number DESC";
    private const string SelectHash = "SELECT hash FROM blocks WHERE number = @block";
    private const string UpsertCheckpoint =
        "INSERT INTO checkpoint (id, block, hash) VALUES (1, @Block, @Hash) ON CONFLICT (id) DO UPDATE SET block = excluded.block, hash = excluded.hash";
    private const string DeleteCheckpoint = "DELETE FROM checkpoint";
    private const string SelectNamedFeeds = "SELECT aggregator FROM market_events UNION SELECT aggregator FROM collateral_events";

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<string> _knownAssets = [];

    // Followed feeds → first block whose logs count: the deployment's from the start, every aggregator a listing or
    // update ever named (history tables, so a reorg that undoes a listing forgets its feed) from that block on.
    private readonly Dictionary<Address, ulong> _feeds = [];
    private readonly AdaptiveSpan _span = new(options.InitialSpan, options.MaxSpan, options.TargetLogsPerRange);
    private readonly ProgressMeter _meter = new(options.TimeProvider);
    private readonly Lock _progressGate = new(); // the timer thread and the loop both report
    private long _target = -1;

    /// <summary>Wakes the follower (a newHeads notification arrived).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken ct)
    {
        await Migrator.MigrateAsync(db, ct).ConfigureAwait(false);
        await using var connection = await db.OpenAsync(ct).ConfigureAwait(false);
        await InitialiseAsync(connection, ct).ConfigureAwait(false);
        ulong? backfillTarget = null;
        var failures = 0;
        using var progress = StartProgressTimer();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var head = await rpc.BlockNumberAsync(ct).ConfigureAwait(false);
                status.OnHead((long)head);
                if (backfillTarget is null)
                {
                    backfillTarget = head;
                    Interlocked.Exchange(ref _target, (long)head);
                    ReportProgress(); // the run's starting point: rates are measured from here
                }
                var checkpoint = await ReadCheckpointAsync(connection).ConfigureAwait(false);
                if (checkpoint is { } cp && !await TipMatchesAsync(cp, ct).ConfigureAwait(false))
                {
                    await HandleReorgAsync(connection, cp, ct).ConfigureAwait(false);
                    continue;
                }
                var next = checkpoint is { } c ? (ulong)c.Block + 1 : options.StartBlock;
                if (next <= head)
                    await SyncAsync(connection, next, head, checkpoint?.Hash, ct).ConfigureAwait(false);
                failures = 0;
                if (!status.IsReady && status.IndexedBlock >= (long)backfillTarget.Value)
                {
                    status.OnReady();
                    ReportProgress(); // the display ends at 100% without waiting for the next tick
                    logger.LogInformation("Backfill complete at block {Block} ({Events} events)", status.IndexedBlock, status.EventsTotal);
                    if (options.StopAfterBackfill)
                        return;
                }
                if (next > head || status.IndexedBlock >= (long)head)
                    await WaitForHeadAsync(ct).ConfigureAwait(false);
            }
            catch (ChainMovedException e)
            {
                logger.LogInformation("Chain moved while reading ({Reason}); checking for a reorg", e.Message);
                if (await ReadCheckpointAsync(connection).ConfigureAwait(false) is { } cp && !await TipMatchesAsync(cp, ct).ConfigureAwait(false))
                    await HandleReorgAsync(connection, cp, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is JsonRpcTransportException or JsonRpcException or HttpRequestException or IOException)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(5_000, 100 * Math.Pow(2, Math.Min(failures, 6))));
                logger.LogWarning("Node unavailable ({Error}); retrying in {Delay} ms", e.Message, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, options.TimeProvider, ct).ConfigureAwait(false);
            }
        }
    }

    private async Task InitialiseAsync(DbConnection connection, CancellationToken ct)
    {
        var engine = options.Deployment.Engine.ToString();
        var stored = await connection.QuerySingleOrDefaultAsync<string>(SelectMeta, new { key = "engine" }).ConfigureAwait(false);
        if (stored is not null && stored != engine)
            throw new InvalidOperationException($"database indexes engine {stored}, not {engine}: use another database");
        if (stored is null)
        {
            var quote = MarginEngineContract.QUOTEFunction.DecodeResult(await rpc.CallAsync(
                new CallRequest { To = options.Deployment.Engine, Data = MarginEngineContract.QUOTEFunction.Encode() }, BlockParameter.Latest, ct).ConfigureAwait(false));
            var decimals = (await DecimalsAsync([quote.ToString()], ct).ConfigureAwait(false))[0];
            await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await connection.ExecuteAsync(InsertMeta, new[] { new { key = "engine", value = engine }, new { key = "quote", value = quote.ToString() } }, tx).ConfigureAwait(false);
            await connection.ExecuteAsync(InsertAsset, new AssetRow(quote.ToString(), decimals, 0), tx).ConfigureAwait(false);
            await tx.CommitAsync(ct).ConfigureAwait(false);
        }
        await ReloadAssetsAsync(connection).ConfigureAwait(false);
        if (await ReadCheckpointAsync(connection).ConfigureAwait(false) is { } cp)
            status.OnCommitted(cp.Block, 0);
    }

    /// <summary>
    /// Reads ranges ahead (bounded) and writes them strictly in order; returns when <paramref name="target"/> is written,
    /// or early after a range that named new feeds: that range is read again with them before it is written, and the
    /// ranges read ahead without them are dropped (the caller starts again from the checkpoint).
    /// </summary>
    private async Task SyncAsync(DbConnection connection, ulong from, ulong target, string? parentHash, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var fetcher = new RangeFetcher(rpc, options.Deployment.Engine, new Dictionary<Address, ulong>(_feeds), _span, options.ReorgWindow);
        var inflight = new Queue<Task<FetchedRange>>();
        var next = from;
        try
        {
            while (next <= target || inflight.Count > 0)
            {
                while (inflight.Count < Math.Max(1, options.Concurrency) && next <= target)
                {
                    var to = Math.Min(target, next + _span.Current - 1);
                    var (f, t) = (next, to);
                    inflight.Enqueue(Task.Run(() => fetcher.FetchAsync(f, t, target, cts.Token), cts.Token));
                    next = to + 1;
                }
                var waited = options.TimeProvider.GetTimestamp();
                var range = await inflight.Dequeue().ConfigureAwait(false);
                var writing = options.TimeProvider.GetTimestamp();
                var newFeeds = range.Events.ListedFeeds.Where(f => !_feeds.ContainsKey(f.Key)).ToList();
                foreach (var (feed, block) in newFeeds)
                    _feeds[feed] = (ulong)block;
                if (newFeeds.Count > 0)
                {
                    logger.LogInformation("Following {Count} new feed(s) from block {Block}: {Feeds}", newFeeds.Count, newFeeds.Min(f => f.Value), string.Join(", ", newFeeds.Select(f => f.Key)));
                    range = await new RangeFetcher(rpc, options.Deployment.Engine, new Dictionary<Address, ulong>(_feeds), _span, options.ReorgWindow)
                        .FetchAsync(range.From, range.To, target, ct).ConfigureAwait(false);
                }
                if (parentHash is not null && range.From > 0 && range.First.ParentHash.ToString() != parentHash)
                    throw new ChainMovedException($"block {range.From} does not follow the indexed tip");
                var assets = range.Events.ListedAssets.Values.Where(a => !_knownAssets.Contains(a.Address)).ToList();
                var floor = (long)target - (long)options.ReorgWindow + 1;
                await BatchWriter.WriteAsync(connection, range, assets, floor, ct).ConfigureAwait(false);
                foreach (var a in assets)
                    _knownAssets.Add(a.Address);
                parentHash = range.Last.Hash.ToString();
                status.OnCommitted((long)range.To, range.Events.EventCount);
                status.OnRangeTimes(options.TimeProvider.GetElapsedTime(waited, writing), options.TimeProvider.GetElapsedTime(writing));
                if (newFeeds.Count > 0)
                    return;
            }
        }
        finally
        {
            await cts.CancelAsync().ConfigureAwait(false);
            foreach (var pending in inflight)
            {
                try
                {
                    await pending.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Abandoned read-ahead: its range is read again from the checkpoint.
                }
            }
        }
    }

    /// <summary>decimals() of the quote token, read once at initialisation: EngineCreated carries it too, but the indexer
    /// may start after the deployment block (listings' decimals come from their events).</summary>
    private async Task<int[]> DecimalsAsync(IReadOnlyList<string> addresses, CancellationToken ct)
    {
        var calls = addresses.Select(a => EthRequests.Call(new CallRequest { To = Address.Parse(a), Data = MockERC20Contract.DecimalsFunction.Encode() }, BlockParameter.Latest));
        var results = await rpc.SendBatchAsync(calls, ct).ConfigureAwait(false);
        return results.Select(r => (int)MockERC20Contract.DecimalsFunction.DecodeResult(r)).ToArray();
    }

    private async Task<bool> TipMatchesAsync(Checkpoint cp, CancellationToken ct)
    {
        var header = await rpc.GetBlockByNumberAsync((ulong)cp.Block, ct).ConfigureAwait(false);
        return header is not null && header.Hash.ToString() == cp.Hash;
    }

    /// <summary>Walks the stored headers down to the highest one the chain still has, and rolls back above it.</summary>
    private async Task HandleReorgAsync(DbConnection connection, Checkpoint cp, CancellationToken ct)
    {
        var stored = (await connection.QueryAsync<(long Number, string Hash)>(SelectStoredHashes, new { block = cp.Block }).ConfigureAwait(false)).ToList();
        long? ancestor = null;
        foreach (var chunk in stored.Chunk(options.RpcBatchSize))
        {
            var chain = await rpc.SendBatchAsync(chunk.Select(s => EthRequests.GetBlockByNumber((ulong)s.Number)), ct).ConfigureAwait(false);
            var match = chunk.Zip(chain).FirstOrDefault(p => p.Second is not null && p.Second.Hash.ToString() == p.First.Hash);
            if (match.Second is not null)
            {
                ancestor = match.First.Number;
                break;
            }
        }
        status.OnReorg();
        await using var tx = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
        if (ancestor is { } a)
        {
            await Rollback.ToBlockAsync(connection, tx, a).ConfigureAwait(false);
            var hash = await connection.QuerySingleAsync<string>(SelectHash, new { block = a }, tx).ConfigureAwait(false);
            await connection.ExecuteAsync(UpsertCheckpoint, new Checkpoint(a, hash), tx).ConfigureAwait(false);
            logger.LogWarning("Reorg: indexed tip {Tip} left the chain; rolled back to common ancestor {Ancestor} (depth {Depth})", cp.Block, a, cp.Block - a);
        }
        else
        {
            // No stored header is on the chain: the fork is deeper than the window. Re-index from the start.
            await Rollback.ToBlockAsync(connection, tx, (long)options.StartBlock - 1).ConfigureAwait(false);
            await connection.ExecuteAsync(DeleteCheckpoint, transaction: tx).ConfigureAwait(false);
            logger.LogError("Reorg deeper than the {Window}-block window below {Tip}: re-indexing from block {Start}", options.ReorgWindow, cp.Block, options.StartBlock);
        }
        await tx.CommitAsync(ct).ConfigureAwait(false);
        await ReloadAssetsAsync(connection).ConfigureAwait(false);
        var after = await ReadCheckpointAsync(connection).ConfigureAwait(false);
        status.OnCommitted(after?.Block ?? (long)options.StartBlock - 1, 0);
    }

    private async Task ReloadAssetsAsync(DbConnection connection)
    {
        _knownAssets.Clear();
        foreach (var a in await connection.QueryAsync<string>(SelectAssets).ConfigureAwait(false))
            _knownAssets.Add(a);
        _feeds.Clear();
        foreach (var f in options.Deployment.Feeds)
            _feeds[f] = 0;
        foreach (var f in await connection.QueryAsync<string>(SelectNamedFeeds).ConfigureAwait(false))
            _feeds.TryAdd(Address.Parse(f), 0);
    }

    private static async Task<Checkpoint?> ReadCheckpointAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync<(long Block, string Hash)>(SelectCheckpoint).ConfigureAwait(false);
        return rows.Select(r => (Checkpoint?)new Checkpoint(r.Block, r.Hash)).FirstOrDefault();
    }

    private async Task WaitForHeadAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.PollInterval);
        try
        {
            await _wake.Reader.ReadAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // Poll interval elapsed: look at the head anyway (fallback when no subscription is delivering).
        }
    }

    private ITimer StartProgressTimer() => options.TimeProvider.CreateTimer(_ => ReportProgress(), null, options.ProgressInterval, options.ProgressInterval);

    private void ReportProgress()
    {
        var target = Interlocked.Read(ref _target);
        if (target < 0)
            return;
        // Once ready, the live head is the target (following); before, the head seen at start (the backfill).
        BackfillProgress p;
        lock (_progressGate)
        {
            p = _meter.Sample(Math.Max(0, status.IndexedBlock), status.IsReady ? Math.Max(target, status.HeadBlock) : target, status.EventsTotal);
            status.OnProgress(p);
        }
        if (status.IsReady)
            return;
        logger.LogInformation("Backfill: block {Indexed}/{Target} ({Percent:F1}%), {Events} events, {Rate:F0} events/s, ETA {Eta}",
            p.IndexedBlock, p.TargetBlock, 100 * p.Fraction, p.Events, p.EventsPerSecond,
            p.Eta?.ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "?");
    }
}
