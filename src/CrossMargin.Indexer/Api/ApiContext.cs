using System.Data.Common;
using CrossMargin.Indexer.Hosting;
using CrossMargin.Indexer.Storage;
using Dapper;

namespace CrossMargin.Indexer.Api;

/// <summary>
/// What every endpoint needs: the database, the in-process indexer's status (if any) and the <see cref="IndexedState"/>
/// cache. With an in-process indexer the cache is checked against its commit count (no query per request); standalone
/// (`crossmargin serve`) the checkpoint is read per request and the cache reloaded when it moved.
/// </summary>
internal sealed class ApiContext(IndexerDatabase db, IndexerStatus? status)
{
    private const string SelectCheckpoint = "SELECT block AS Block, hash AS Hash FROM checkpoint WHERE id = 1";
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile IndexedState? _state;

    public IndexerDatabase Database => db;

    public IndexerStatus? Status => status;

    public Task<DbConnection> OpenAsync(CancellationToken ct) => db.OpenReadAsync(ct);

    public static async Task<Checkpoint?> CheckpointAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync<(long Block, string Hash)>(SelectCheckpoint).ConfigureAwait(false);
        return rows.Select(r => (Checkpoint?)new Checkpoint(r.Block, r.Hash)).FirstOrDefault();
    }

    /// <summary>The state of the latest commit, or null before the first one.</summary>
    public async Task<IndexedState?> StateAsync(CancellationToken ct)
    {
        if (_state is { } current && status is not null && current.Commits == status.Commits)
            return current;
        Checkpoint? seen = null;
        if (status is null)
        {
            await using var connection = await OpenAsync(ct).ConfigureAwait(false);
            seen = await CheckpointAsync(connection).ConfigureAwait(false);
            if (seen is null)
                return null;
            if (_state is { } s && s.Checkpoint == seen)
                return s;
        }
        await _reload.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            // Read the count before the checkpoint: a commit landing in between makes the next request reload again.
            var commits = status?.Commits ?? 0;
            await using var connection = await OpenAsync(ct).ConfigureAwait(false);
            if (await CheckpointAsync(connection).ConfigureAwait(false) is not { } cp)
                return null;
            if (_state is { } again && again.Checkpoint == cp && again.Commits == commits)
                return again;
            return _state = new IndexedState(cp, commits, await RiskSnapshot.LoadAsync(connection, cp).ConfigureAwait(false));
        }
        finally
        {
            _reload.Release();
        }
    }
}
