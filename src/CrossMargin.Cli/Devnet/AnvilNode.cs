using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CrossMargin.Cli.Stack;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Cli.Devnet;

/// <summary>
/// An Anvil started from the npm binary, in one of two modes that share start-up, readiness and output capture:
/// <list type="bullet">
/// <item><see cref="StartPersistentAsync"/> (`up`, `demo`): state file in the data directory, so the next start resumes
/// the chain. Anvil writes it every 10 s and on SIGINT, so the stop is SIGINT and waiting for the exit. It runs in its own
/// session (setsid) so a terminal Ctrl-C reaches only the CLI, which stops the keeper and indexer first and the node last.</item>
/// <item><see cref="StartThrowawayAsync"/> (`compare`): a free port, a temp working directory, killed on dispose.</item>
/// </list>
/// Both prune history: nothing reads old states, and unbounded history spills to ~/.foundry/anvil/tmp.
/// </summary>
internal sealed class AnvilNode : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };
    private readonly Process _process;
    private readonly DataDirectory? _data;
    private readonly string? _tempDir;
    private readonly System.Text.StringBuilder _output = new();

    private AnvilNode(Process process, int port, DataDirectory? data, string? tempDir)
    {
        _process = process;
        _data = data;
        _tempDir = tempDir;
        Port = port;
        Rpc = new JsonRpcClient(Http, HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(2) });
    }

    public int Port { get; }

    public Uri HttpUrl => new($"http://127.0.0.1:{Port}");

    public Uri WsUrl => new($"ws://127.0.0.1:{Port}");

    public JsonRpcClient Rpc { get; }

    /// <summary>The devnet's node on <paramref name="port"/> with its state in <paramref name="data"/>; a node left running there by a killed `up` is stopped first.</summary>
    public static async Task<AnvilNode> StartPersistentAsync(DataDirectory data, int port, CancellationToken ct)
    {
        await StopOrphanAsync(data.AnvilPid, data.AnvilState).ConfigureAwait(false);
        return await StartAsync(port, data, tempDir: null,
        [
            "--state", data.AnvilState, "--state-interval", "10",
            "--prune-history", "256",
            // Big enough for the demo's batched setup transactions.
            "--gas-limit", "300000000",
        ], ct).ConfigureAwait(false);
    }

    /// <summary>A node of its own for one command: free local port, temp working directory, removed on dispose.</summary>
    public static Task<AnvilNode> StartThrowawayAsync(CancellationToken ct) =>
        // A high block gas limit: the stress replay's keeper may send many liquidations into one block.
        StartAsync(FreePort(), data: null, Directory.CreateTempSubdirectory("crossmargin-anvil-").FullName, ["--prune-history", "--gas-limit", "1000000000"], ct);

    /// <summary>Persistent: SIGINT (anvil saves its state and exits), bounded wait, kill as a last resort. Throwaway: kill.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            if (_data is not null)
                await InterruptAsync(_process).ConfigureAwait(false);
            else
                await KillAsync(_process).ConfigureAwait(false);
        }
        _process.Dispose();
        if (_data is not null)
            File.Delete(_data.AnvilPid);
        if (_tempDir is not null)
        {
            try
            {
                Directory.Delete(_tempDir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover temp directory is harmless.
            }
        }
    }

    private static async Task<AnvilNode> StartAsync(int port, DataDirectory? data, string? tempDir, string[] modeArgs, CancellationToken ct)
    {
        // A persistent node gets its own session (see the summary); a throwaway one stays in the CLI's.
        var setsid = data is not null && File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
        var info = new ProcessStartInfo(setsid ?? Toolchain.Anvil)
        {
            WorkingDirectory = tempDir ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
            info.ArgumentList.Add(Toolchain.Anvil);
        foreach (var a in (string[])["--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), .. modeArgs, "--silent"])
            info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var node = new AnvilNode(process, port, data, tempDir);
        // Kept (bounded) for start-up errors; read so a chatty anvil never blocks on a full pipe.
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Start();
        if (data is not null)
            await File.WriteAllTextAsync(data.AnvilPid, process.Id.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilServingAsync(ct).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A persistent node runs in its own session, so if a previous `up` was killed (SIGKILL, crash) its node outlives it,
    /// still holding the port and saving state every 10 s. Stop it the clean way, so its latest state is on disk before we
    /// load it. Only a live anvil whose command line names this data directory's state file is touched.
    /// </summary>
    private static async Task StopOrphanAsync(string pidPath, string statePath)
    {
        if (!File.Exists(pidPath) || !int.TryParse(await File.ReadAllTextAsync(pidPath).ConfigureAwait(false), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            return;
        var cmdline = $"/proc/{pid}/cmdline";
        if (File.Exists(cmdline) && (await File.ReadAllTextAsync(cmdline).ConfigureAwait(false)).Replace('\0', ' ') is var args
            && args.Contains("anvil", StringComparison.Ordinal) && args.Contains(statePath, StringComparison.Ordinal))
        {
            using var orphan = Process.GetProcessById(pid);
            await InterruptAsync(orphan).ConfigureAwait(false);
        }
        File.Delete(pidPath);
    }

    private static async Task InterruptAsync(Process process)
    {
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(StopTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await KillAsync(process).ConfigureAwait(false);
        }
    }

    private static async Task KillAsync(Process process)
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        // A short request timeout and no retries: this loop is the retry.
        using var http = new HttpClient();
        var probe = new JsonRpcClient(http, HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(2), Retry = new RetryOptions { MaxAttempts = 1 } });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartupTimeout);
        try
        {
            while (true)
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"anvil exited during start-up (exit code {_process.ExitCode}; is port {Port} in use?):\n{Output}");
                try
                {
                    await probe.ChainIdAsync(timeout.Token).ConfigureAwait(false);
                    return;
                }
                catch (JsonRpcTransportException)
                {
                    // Not listening yet: anvil binds its port a few milliseconds after start.
                }
                await Task.Delay(TimeSpan.FromMilliseconds(25), timeout.Token).ConfigureAwait(false); // poll interval, not a sync point
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"anvil did not answer on {HttpUrl} within {StartupTimeout}:\n{Output}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            if (_output.Length < 16 * 1024)
                _output.AppendLine(line);
        }
    }
}
