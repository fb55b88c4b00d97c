namespace CrossMargin.Indexer.Storage;

/// <summary>The two supported stores: SQLite (default, one file in WAL mode) and PostgreSQL (production).</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
