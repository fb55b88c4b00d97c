using System.Diagnostics;
using System.Globalization;
using CrossMargin.Devnet;
using Npgsql;

namespace CrossMargin.TestKit;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into /tmp/cm-pg-&lt;pid&gt;-*, pg_ctl start on a free port
/// (as the postgres user when running as root), one database per test. Needs Debian's postgresql package (.ci/run
/// installs it). Nothing is left behind: the cluster is stopped and its directory deleted at process exit, a watchdog
/// does the same if the test process dies without running its exit handlers (SIGKILL, a runner that kills its host),
/// and each start removes directories that earlier runs left.
/// </summary>
public sealed class PostgresCluster
{
    private const string Prefix = "cm-pg-";
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);
    private static int _databases;
    private readonly string _dir;
    private readonly string _bin;
    private readonly int _port;
    private readonly bool _asRoot;

    private PostgresCluster(string dir, string bin, int port, bool asRoot)
    {
        (_dir, _bin, _port, _asRoot) = (dir, bin, port, asRoot);
    }

    public static Task<PostgresCluster> GetAsync() => Shared.Value;

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"cm_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        await using (var admin = new NpgsqlConnection(ConnectionString("postgres")))
        {
            await admin.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await cmd.ExecuteNonQueryAsync();
        }
        return ConnectionString(name);
    }

    private string ConnectionString(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=50";

    private string PgCtl => Path.Combine(_bin, "pg_ctl");

    private static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL not found under /usr/lib/postgresql: apt-get install -y postgresql");
        RemoveLeftovers();
        // The owner's pid in the name: a later run (RemoveLeftovers) knows whether the directory's owner is still alive.
        var dir = Directory.CreateTempSubdirectory($"{Prefix}{Environment.ProcessId}-").FullName;
        var cluster = new PostgresCluster(dir, bin, LoopbackPort.Free(), Environment.UserName == "root");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        cluster.StartWatchdog();
        if (cluster._asRoot)
            await RunAsync("chown", $"postgres {dir}");
        await cluster.RunAsPostgresAsync(Path.Combine(bin, "initdb"), $"-D {dir}/data -U postgres --auth=trust --no-sync -E UTF8");
        await cluster.RunAsPostgresAsync(cluster.PgCtl,
            $"-D {dir}/data -l {dir}/log -w -o \"-p {cluster._port} -k {dir} -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");
        return cluster;
    }

    /// <summary>At process exit: immediate shutdown (nothing here needs to survive), then the directory goes.</summary>
    private void Stop()
    {
        try
        {
            if (File.Exists(Path.Combine(_dir, "data", "postmaster.pid")))
                RunAsPostgresAsync(PgCtl, $"-D {_dir}/data -m immediate stop").GetAwaiter().GetResult();
            Directory.Delete(_dir, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at exit; the watchdog and the next run's RemoveLeftovers finish the job.
        }
    }

    /// <summary>
    /// A detached shell that waits for this process to end and then stops the cluster and deletes its directory, for
    /// the exits that skip ProcessExit. It polls once a second for the owner's end; it is not a test synchronisation.
    /// </summary>
    private void StartWatchdog()
    {
        var stop = _asRoot ? $"runuser -u postgres -- {PgCtl}" : PgCtl;
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; " +
                     $"if [ -f {_dir}/data/postmaster.pid ]; then {stop} -D {_dir}/data -m immediate stop; fi; rm -rf {_dir}";
        var info = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh") { UseShellExecute = false };
        if (info.FileName != "/bin/sh")
            info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        using var watchdog = Process.Start(info);
    }

    /// <summary>
    /// Deletes cm-pg-* directories of earlier runs: those whose owner process has ended and whose postmaster is not
    /// running. Directories of live processes (other test runs on this machine) are left alone, and so are old-style
    /// names without an owner pid unless they are an hour old.
    /// </summary>
    private static void RemoveLeftovers()
    {
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), $"{Prefix}*"))
        {
            try
            {
                var rest = Path.GetFileName(dir)[Prefix.Length..];
                var dash = rest.IndexOf('-', StringComparison.Ordinal);
                var ownerAlive = dash > 0 && int.TryParse(rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var owner)
                    ? Alive(owner)
                    : Directory.GetLastWriteTimeUtc(dir) > DateTime.UtcNow.AddHours(-1);
                if (ownerAlive || PostmasterAlive(dir))
                    continue;
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Someone else's, or going away concurrently: leave it.
            }
        }
    }

    private static bool PostmasterAlive(string dir)
    {
        var pidFile = Path.Combine(dir, "data", "postmaster.pid");
        return File.Exists(pidFile)
            && int.TryParse(File.ReadLines(pidFile).FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && Alive(pid);
    }

    private static bool Alive(int pid) => Directory.Exists($"/proc/{pid}");

    private Task RunAsPostgresAsync(string exe, string args) =>
        _asRoot ? RunAsync("runuser", $"-u postgres -- {exe} {args}") : RunAsync(exe, args);

    private static async Task RunAsync(string exe, string args)
    {
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{exe} {args}");
        using var p = Process.Start(info)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
            throw new InvalidOperationException($"{exe} {args} failed ({p.ExitCode}): {await stdout}{await stderr}");
    }
}
