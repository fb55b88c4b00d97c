using System.Diagnostics;
using System.Globalization;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Cli.Stack;

/// <summary>
/// The devnet's Anvil: started from the npm binary with its state file in the data directory, so the next start
/// resumes the chain. Anvil writes that file every <c>--state-interval</c> seconds and on SIGINT, so a clean stop is
/// SIGINT and waiting for its exit. It runs in its own session (setsid) so a terminal Ctrl-C reaches only this process,
/// which stops the keeper and indexer first and the node last.
/// </summary>
internal sealed class AnvilNode : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly System.Text.StringBuilder _output = new();

    private AnvilNode(Process process, int port, string statePath)
    {
        _process = process;
        Port = port;
        StatePath = statePath;
    }

    public int Port { get; }

    public string StatePath { get; }

    public Uri HttpUrl => new($"http://127.0.0.1:{Port}");

    public Uri WsUrl => new($"ws://127.0.0.1:{Port}");

    public static async Task<AnvilNode> StartAsync(string dataDir, int port, CancellationToken ct)
    {
        var statePath = Path.Combine(dataDir, "anvil-state.json");
        var pidPath = Path.Combine(dataDir, "anvil.pid");
        await StopOrphanAsync(pidPath, statePath).ConfigureAwait(false);
        var setsid = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
        var info = new ProcessStartInfo(setsid ?? Toolchain.Anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
            info.ArgumentList.Add(Toolchain.Anvil);
        string[] args =
        [
            "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture),
            "--state", statePath, "--state-interval", "10",
            // Keep a bounded window of historical states in memory: nothing here reads state older than that, and
            // unbounded history spills to ~/.foundry/anvil/tmp.
            "--prune-history", "256",
            // Big enough for the demo's batched setup transactions.
            "--gas-limit", "300000000",
            "--silent",
        ];
        foreach (var a in args)
            info.ArgumentList.Add(a);
        var process = new Process { StartInfo = info };
        var node = new AnvilNode(process, port, statePath);
        process.OutputDataReceived += (_, e) => node.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => node.OnLine(e.Data);
        process.Start();
        await File.WriteAllTextAsync(pidPath, process.Id.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
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

    /// <summary>SIGINT (anvil saves its state and exits), bounded wait, kill as a last resort.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await InterruptAsync(_process).ConfigureAwait(false);
        _process.Dispose();
        File.Delete(Path.Combine(Path.GetDirectoryName(StatePath)!, "anvil.pid"));
    }

    /// <summary>
    /// Anvil runs in its own session, so if a previous `up` was killed (SIGKILL, crash) its node outlives it, still holding
    /// the port and saving state every 10 s. Stop it the clean way, so its latest state is on disk before we load it.
    /// Only a live anvil whose command line names this data directory's state file is touched.
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
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        using var http = new HttpClient();
        var rpc = new JsonRpcClient(http, HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromSeconds(2), Retry = new RetryOptions { MaxAttempts = 1 } });
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartupTimeout);
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"anvil exited during start-up (is port {Port} in use?):\n{Output}");
            try
            {
                await rpc.ChainIdAsync(timeout.Token).ConfigureAwait(false);
                return;
            }
            catch (JsonRpcTransportException)
            {
                // Not listening yet.
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"anvil did not answer on {HttpUrl} within {StartupTimeout}:\n{Output}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token).ConfigureAwait(false); // poll interval, not a sync point
        }
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
