using System.Data.Common;
using CrossMargin.Indexer.Hosting;
using CrossMargin.Indexer.Storage;
using Dapper;

namespace CrossMargin.Indexer.Api;

/// <summary>What every endpoint needs: the database, the in-process indexer's status (if any) and the risk snapshot cache.</summary>
internal sealed class ApiContext(IndexerDatabase db, IndexerStatus? status)
{
    private const string SelectCheckpoint = "SELECT block AS Block, hash AS Hash FROM checkpoint WHERE id = 1";
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile RiskSnapshot? _snapshot;

    public IndexerDatabase Database => db;

    public IndexerStatus? Status => status;

    public Task<DbConnection> OpenAsync(CancellationToken ct) => db.OpenReadAsync(ct);

    public static async Task<Checkpoint?> CheckpointAsync(DbConnection connection)
    {
        var rows = await connection.QueryAsync<(long Block, string Hash)>(SelectCheckpoint).ConfigureAwait(false);
        return rows.Select(r => (Checkpoint?)new Checkpoint(r.Block, r.Hash)).FirstOrDefault();
    }

    /// <summary>The risk snapshot of the current checkpoint (reloaded only when the checkpoint moved).</summary>
    public async Task<RiskSnapshot?> SnapshotAsync(DbConnection connection, CancellationToken ct)
    {
        if (await CheckpointAsync(connection).ConfigureAwait(false) is not { } cp)
            return null;
        if (_snapshot is { } s && s.Checkpoint == cp)
            return s;
        await _reload.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } again && again.Checkpoint == cp)
                return again;
            return _snapshot = await RiskSnapshot.LoadAsync(connection, cp).ConfigureAwait(false);
        }
        finally
        {
            _reload.Release();
        }
    }
}
