namespace CrossMargin.Cli.Stack;

/// <summary>What <see cref="DevStack"/> runs. Defaults: Anvil on 8545 with state in the data directory, SQLite index there too.</summary>
internal sealed record StackOptions
{
    /// <summary>Chain state, deployment.json, index.db and the keeper checkpoint live here.</summary>
    public required string DataDir { get; init; }

    /// <summary>Port of the Anvil this stack starts (ignored with <see cref="RpcUrl"/>).</summary>
    public int AnvilPort { get; init; } = 8545;

    /// <summary>Use this node instead of starting Anvil.</summary>
    public Uri? RpcUrl { get; init; }

    /// <summary>WebSocket of <see cref="RpcUrl"/>; without it indexer and keeper poll over HTTP.</summary>
    public Uri? WsUrl { get; init; }

    /// <summary>An existing deployment.json (never redeployed); default: the data directory's, deployed when missing.</summary>
    public string? DeploymentPath { get; init; }

    /// <summary>PostgreSQL connection string ("Host=…"); null keeps the index in SQLite under the data directory.</summary>
    public string? Postgres { get; init; }

    public int ApiPort { get; init; } = 8080;

    public bool Keeper { get; init; } = true;

    /// <summary>Where the keeper's key is (--keeper-key-env / --keeper-keystore); null uses Anvil's dev account 1 (the deployer is account 0).</summary>
    public Options.SignerSource? KeeperSigner { get; init; }

    /// <summary>Port of the keeper's Prometheus endpoint.</summary>
    public int KeeperMetricsPort { get; init; } = 9464;

    /// <summary>The names of the files in <see cref="DataDir"/>.</summary>
    public DataDirectory Layout => new(DataDir);

    public string ConnectionString => Postgres ?? Layout.SqliteConnectionString;
}
