using CrossMargin.Devnet;

namespace CrossMargin.Cli.Stack;

/// <summary>
/// The data directory's layout, the one place that names its files: `up`, `demo`, `keeper`, `index`, `serve` and the
/// wallet commands' defaults all take their paths from here, so a service started on a directory another one left
/// finds its state. Default: $CROSSMARGIN_DATA, else .data/ in the repository.
/// </summary>
internal sealed record DataDirectory(string Root)
{
    /// <summary>Where `crossmargin keeper --data-dir` kept its checkpoint before the layout had one home.</summary>
    private const string LegacyKeeperCheckpointName = "keeper-checkpoint.json";

    /// <summary>The given directory (made absolute), else the default one.</summary>
    public static DataDirectory At(string? path) => new(path is { Length: > 0 } ? Path.GetFullPath(path) : DefaultRoot);

    /// <summary>$CROSSMARGIN_DATA, else .data/ in the repository.</summary>
    private static string DefaultRoot =>
        Environment.GetEnvironmentVariable("CROSSMARGIN_DATA") is { Length: > 0 } data ? Path.GetFullPath(data) : Toolchain.PathOf(".data");

    /// <summary>Anvil's chain state (written every 10 s and on SIGINT).</summary>
    public string AnvilState => Path.Combine(Root, "anvil-state.json");

    /// <summary>Pid of the running Anvil (a node left by a killed `up` is stopped by the next one).</summary>
    public string AnvilPid => Path.Combine(Root, "anvil.pid");

    /// <summary>The deployed addresses (Deploy.s.sol's keys).</summary>
    public string Deployment => Path.Combine(Root, "deployment.json");

    /// <summary>The SQLite index (when no PostgreSQL connection string is given).</summary>
    public string IndexDb => Path.Combine(Root, "index.db");

    public string SqliteConnectionString => $"Data Source={IndexDb}";

    /// <summary>The keeper's book checkpoint; the keeper keeps its in-flight transactions next to it (KeeperOptions.InflightPath).</summary>
    public string KeeperCheckpoint => Path.Combine(Root, "keeper", "checkpoint.json");

    private string LegacyKeeperCheckpoint => Path.Combine(Root, LegacyKeeperCheckpointName);

    /// <summary>Files that describe one chain's contracts: a fresh deployment deletes them (index, keeper checkpoints, old layout included).</summary>
    public IEnumerable<string> ChainBoundFiles =>
    [
        IndexDb, IndexDb + "-wal", IndexDb + "-shm",
        KeeperCheckpoint, Keeper.KeeperOptions.InflightPath(KeeperCheckpoint),
        LegacyKeeperCheckpoint, Keeper.KeeperOptions.InflightPath(LegacyKeeperCheckpoint),
    ];

    /// <summary>
    /// The keeper checkpoint path, its folder created. A checkpoint in the old layout (`keeper-checkpoint.json`, written
    /// by `crossmargin keeper --data-dir` before) is moved to <see cref="KeeperCheckpoint"/> with its in-flight file when
    /// the new one does not exist yet, so the keeper resumes from it; returns whether it did.
    /// </summary>
    public bool PrepareKeeperCheckpoint()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeeperCheckpoint)!);
        if (!File.Exists(LegacyKeeperCheckpoint) || File.Exists(KeeperCheckpoint))
            return false;
        var inflight = Keeper.KeeperOptions.InflightPath(LegacyKeeperCheckpoint);
        if (File.Exists(inflight))
            File.Move(inflight, Keeper.KeeperOptions.InflightPath(KeeperCheckpoint), overwrite: true);
        // The book last: a crash in between leaves the old layout, which the next start moves again.
        File.Move(LegacyKeeperCheckpoint, KeeperCheckpoint);
        return true;
    }

    public override string ToString() => Root;
}
