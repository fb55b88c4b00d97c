using System.Globalization;

namespace CrossMargin.Devnet;

/// <summary>
/// How one Anvil is started: its port and arguments, whether it prints (its banner holds the dev keys), and what it owns
/// on disk. A temporary node owns a temp directory (its working directory and --cache-path, deleted on dispose); a
/// persistent one owns a pid file next to its state file and runs in its own session.
/// </summary>
internal sealed record AnvilLaunch(int Port, IReadOnlyList<string> ModeArgs, bool Silent, string? TempDir, string? PidPath)
{
    public bool IsPersistent => PidPath is not null;

    /// <summary>
    /// A node for one test, benchmark or command. Its own --cache-path: anvil spills pruned-out states there (by default
    /// into ~/.foundry/anvil/tmp, which a killed anvil never cleans), and the directory goes with the node.
    /// </summary>
    public static AnvilLaunch Temporary(int port, IReadOnlyList<string> args, bool silent)
    {
        var dir = Directory.CreateTempSubdirectory("crossmargin-anvil-").FullName;
        return new(port, ["--cache-path", Path.Combine(dir, "cache"), .. args], silent, dir, PidPath: null);
    }

    /// <summary>`up`'s node: state written every 10 s and on SIGINT, 256 states in memory, a block gas limit big enough for the demo's batched setup.</summary>
    public static AnvilLaunch ForState(int port, string statePath, string pidPath) =>
        new(port, ["--state", statePath, "--state-interval", "10", "--prune-history", "256", "--gas-limit", "300000000"], Silent: true, TempDir: null, pidPath);

    public IEnumerable<string> Arguments
    {
        get
        {
            string[] fixedArgs = ["--host", "127.0.0.1", "--port", Port.ToString(CultureInfo.InvariantCulture), .. ModeArgs];
            return Silent ? [.. fixedArgs, "--silent"] : fixedArgs;
        }
    }
}
