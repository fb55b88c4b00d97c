using System.CommandLine;
using CrossMargin.Cli.Stack;

namespace CrossMargin.Cli.Options;

/// <summary>Where the index is: `--postgres "Host=…"`, else index.db in `--data-dir` (default $CROSSMARGIN_DATA or .data/). Shared by `up`, `demo`, `index` and `serve`.</summary>
internal sealed class IndexStoreOptions
{
    public Option<string> DataDir { get; } = new("--data-dir") { Description = "data directory: chain state, deployment.json, SQLite index, keeper checkpoint (default: $CROSSMARGIN_DATA or .data/)" };

    public Option<string> Postgres { get; } = new("--postgres") { Description = "PostgreSQL connection string (Host=…) for the index instead of SQLite in the data directory" };

    public void AddTo(Command command)
    {
        command.Options.Add(DataDir);
        command.Options.Add(Postgres);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Postgres) is { } pg && !pg.Contains("Host=", StringComparison.OrdinalIgnoreCase))
                result.AddError("--postgres expects a PostgreSQL connection string such as \"Host=localhost;Database=crossmargin;Username=…\"");
        });
    }

    public DataDirectory Data(ParseResult parse) => DataDirectory.At(parse.GetValue(DataDir));

    public string? PostgresConnection(ParseResult parse) => parse.GetValue(Postgres);

    /// <summary>PostgreSQL when given, else the data directory's SQLite file.</summary>
    public string ConnectionString(ParseResult parse) => PostgresConnection(parse) ?? Data(parse).SqliteConnectionString;

    /// <summary>For banners: the SQLite path, or "PostgreSQL" (a connection string may hold a password).</summary>
    public string Describe(ParseResult parse) => PostgresConnection(parse) is null ? Data(parse).IndexDb : "PostgreSQL";
}
