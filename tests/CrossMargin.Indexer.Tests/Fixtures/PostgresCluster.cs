using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into a temp directory, pg_ctl start on a free port
/// (as the postgres user when running as root), one database per test, stopped and deleted at process exit.
/// Needs Debian's postgresql package (.ci/run installs it).
/// </summary>
internal sealed class PostgresCluster
{
    private static readonly Lazy<Task<PostgresCluster>> Shared = new(StartAsync);
    private static int _databases;
    private readonly string _dir;
    private readonly string _bin;
    private readonly int _port;

    private PostgresCluster(string dir, string bin, int port)
    {
        (_dir, _bin, _port) = (dir, bin, port);
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

    private static async Task<PostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d).Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL not found under /usr/lib/postgresql: apt-get install -y postgresql");
        var dir = Directory.CreateTempSubdirectory("cm-pg-").FullName;
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
            await RunAsync("chown", $"postgres {dir}");
        await RunAsPostgresAsync(asRoot, Path.Combine(bin, "initdb"), $"-D {dir}/data -U postgres --auth=trust --no-sync -E UTF8");
        await RunAsPostgresAsync(asRoot, Path.Combine(bin, "pg_ctl"),
            $"-D {dir}/data -l {dir}/log -w -o \"-p {port} -k {dir} -h 127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start");
        var cluster = new PostgresCluster(dir, bin, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop(asRoot);
        return cluster;
    }

    private void Stop(bool asRoot)
    {
        try
        {
            RunAsPostgresAsync(asRoot, Path.Combine(_bin, "pg_ctl"), $"-D {_dir}/data -m immediate stop").GetAwaiter().GetResult();
            Directory.Delete(_dir, recursive: true);
        }
        catch (Exception)
        {
            // Best effort at exit.
        }
    }

    private static Task RunAsPostgresAsync(bool asRoot, string exe, string args) =>
        asRoot ? RunAsync("runuser", $"-u postgres -- {exe} {args}") : RunAsync(exe, args);

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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
