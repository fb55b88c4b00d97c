namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>A fresh SQLite file in a temp directory, deleted (with its WAL) on dispose.</summary>
internal sealed class TempSqlite : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cm-index-").FullName;

    public string Path => System.IO.Path.Combine(_dir, "index.db");

    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a handle may still be closing.
        }
    }
}
