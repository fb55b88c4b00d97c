namespace CrossMargin.Indexer.Hosting;

/// <summary>What an <see cref="ApiHost"/> needs: the index database and the port (0 picks a free one). It binds 127.0.0.1 only.</summary>
public sealed record ApiOptions
{
    public required string ConnectionString { get; init; }

    public int Port { get; init; } = 8080;

    /// <summary>
    /// Serve an index another process writes (`crossmargin serve`, several at once): no migrations, the schema must already
    /// be current, and connections cannot write (PostgreSQL sessions default to read-only transactions, SQLite opens the
    /// file read-only).
    /// </summary>
    public bool ReadOnly { get; init; }

    /// <summary>Request logging at Information level (off for benchmarks).</summary>
    public bool LogRequests { get; init; }
}
