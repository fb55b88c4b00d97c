using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Devnet;

/// <summary>
/// The one Anvil launcher (the npm binary, see <see cref="Toolchain"/>), in three kinds that share start-up, readiness,
/// output capture and stop:
/// <list type="bullet">
/// <item><see cref="StartAsync"/> (tests, benchmarks, `bench gas`): a free port unless given, a temp directory of its own,
/// the dev accounts and keys read from the banner; stopped with SIGTERM, then SIGKILL.</item>
/// <item><see cref="StartThrowawayAsync"/> (`compare`): the same, silent, with a high block gas limit.</item>
/// <item><see cref="StartPersistentAsync"/> (`up`, `demo`): state file in the data directory so the next start resumes the
/// chain; anvil writes it every 10 s and on SIGINT, so the stop is SIGINT and waiting for the exit. It runs in its own
/// session (setsid) so a terminal Ctrl-C reaches only the CLI, which stops the keeper and indexer first and the node last.</item>
/// </list>
/// Every node prunes history: nothing reads old states, and unpruned history spills to disk (~/.foundry/anvil/tmp by
/// default), which a killed anvil leaves behind; it once filled the disk. Temporary nodes also point --cache-path into
/// their temp directory, which dispose deletes, so nothing is left even by a node given its own --prune-history N.
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PersistentStopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan TemporaryStopTimeout = TimeSpan.FromSeconds(10);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    /// <summary>
    /// States a test or benchmark node keeps in memory: anvil's own in-memory default, so eth_call at a recent block,
    /// evm_revert and anvil_reorg work as on an unpruned node; older states, which an unpruned node spills to disk,
    /// are dropped. (A bare --prune-history keeps none: a call at the previous block fails.)
    /// </summary>
    public const int TestHistoryStates = 500;
    private readonly Process _process;
    private readonly AnvilLaunch _launch;
    private readonly AnvilConsole _console = new();
    private JsonRpcClient? _rpc;
    private bool _disposed;

    private AnvilNode(AnvilLaunch launch, string anvil)
    {
        _launch = launch;
        // A persistent node gets its own session (see the summary); a temporary one stays in its parent's.
        var setsid = launch.IsPersistent && File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : null;
        var info = new ProcessStartInfo(setsid ?? anvil)
        {
            WorkingDirectory = launch.TempDir ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (setsid is not null)
            info.ArgumentList.Add(anvil);
        foreach (var arg in launch.Arguments)
            info.ArgumentList.Add(arg);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => _console.OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => _console.OnLine(e.Data);
    }

    public int Port => _launch.Port;

    public Uri HttpUrl => new($"http://127.0.0.1:{Port}");

    public Uri WsUrl => new($"ws://127.0.0.1:{Port}");

    /// <summary>A JSON-RPC client for this node (generous timeouts: a batched setup can take minutes on a busy machine).</summary>
    public JsonRpcClient Rpc => _rpc ??= new JsonRpcClient(Http, HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(2) });

    /// <summary>Funded dev accounts as printed by anvil (checksummed), index-aligned with <see cref="PrivateKeys"/>.</summary>
    public IReadOnlyList<string> Accounts => Banner(_console.Accounts);

    /// <summary>Their private keys (0x-hex). Key 0 is 0xac0974be…ff80 for the default mnemonic.</summary>
    public IReadOnlyList<string> PrivateKeys => Banner(_console.PrivateKeys);

    /// <summary>What the node printed (bounded): start-up errors, and request logs of a node that is not silent.</summary>
    public string Output => _console.Text;

    /// <summary>
    /// A node for a test or benchmark, answering eth_chainId on return. <paramref name="port"/> null picks a free one
    /// (and another if it is taken before anvil binds it). --prune-history <see cref="TestHistoryStates"/> is added unless
    /// <paramref name="extraArgs"/> sets --prune-history itself.
    /// </summary>
    public static Task<AnvilNode> StartAsync(int? port = null, IEnumerable<string>? extraArgs = null, CancellationToken ct = default)
    {
        string[] args = [.. extraArgs ?? []];
        if (!args.Contains("--prune-history", StringComparer.Ordinal))
            args = ["--prune-history", TestHistoryStates.ToString(CultureInfo.InvariantCulture), .. args];
        return StartOnPortAsync(port, p => AnvilLaunch.Temporary(p, args, silent: false), ct);
    }

    /// <summary>A node of its own for one command: free local port, temp directory, silent, removed on dispose.</summary>
    public static Task<AnvilNode> StartThrowawayAsync(CancellationToken ct) =>
        // A high block gas limit: the stress replay's keeper may send many liquidations into one block.
        StartOnPortAsync(null, p => AnvilLaunch.Temporary(p, ["--prune-history", "--gas-limit", "1000000000"], silent: true), ct);

    /// <summary>The devnet's node on <paramref name="port"/> with its state in <paramref name="statePath"/>; a node left running there by a killed `up` is stopped first.</summary>
    public static async Task<AnvilNode> StartPersistentAsync(string statePath, string pidPath, int port, CancellationToken ct)
    {
        var anvil = Toolchain.Anvil;
        await StopOrphanAsync(pidPath, statePath).ConfigureAwait(false);
        var node = new AnvilNode(AnvilLaunch.ForState(port, statePath, pidPath), anvil);
        try
        {
            await node.StartAndWaitAsync(ct).ConfigureAwait(false);
            return node;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Persistent: SIGINT (anvil saves its state and exits), bounded wait, kill as a last resort. Temporary: SIGTERM,
    /// bounded wait, kill; then its temp directory (working directory and state cache) is deleted.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            if (!_process.HasExited)
            {
                await SignalAsync(_process, _launch.IsPersistent ? "-INT" : "-TERM").ConfigureAwait(false);
                await WaitOrKillAsync(_process, _launch.IsPersistent ? PersistentStopTimeout : TemporaryStopTimeout).ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
        if (_launch.PidPath is { } pid)
            File.Delete(pid);
        if (_launch.TempDir is { } dir)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Already gone.
            }
        }
    }

    private static async Task<AnvilNode> StartOnPortAsync(int? port, Func<int, AnvilLaunch> launch, CancellationToken ct)
    {
        var anvil = Toolchain.Anvil; // before any temp directory exists: a missing binary leaves nothing behind
        for (var attempt = 1; ; attempt++)
        {
            var node = new AnvilNode(launch(port ?? LoopbackPort.Free()), anvil);
            try
            {
                await node.StartAndWaitAsync(ct).ConfigureAwait(false);
                return node;
            }
            catch (InvalidOperationException) when (port is null && attempt < 3)
            {
                // Another process took the port between probing and anvil binding it: try another.
                await node.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await node.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private async Task StartAndWaitAsync(CancellationToken ct)
    {
        _process.Start();
        if (_launch.PidPath is { } pidPath)
            await File.WriteAllTextAsync(pidPath, _process.Id.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartupTimeout);
        try
        {
            if (!_launch.Silent)
            {
                var exited = _process.WaitForExitAsync(timeout.Token);
                if (await Task.WhenAny(_console.Listening, exited).ConfigureAwait(false) != _console.Listening)
                {
                    timeout.Token.ThrowIfCancellationRequested();
                    throw Exited();
                }
            }
            await WaitUntilServingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"anvil did not answer on {HttpUrl} within {StartupTimeout}:\n{Output}");
        }
    }

    /// <summary>Polls eth_chainId with a raw HttpClient (the RPC client is what some callers test, so readiness does not use it).</summary>
    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        const string body = """{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""";
        while (true)
        {
            if (_process.HasExited)
                throw Exited();
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(HttpUrl, content, ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Contains("\"result\"", StringComparison.Ordinal))
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet: anvil binds its port a few milliseconds after start.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Per-request timeout; poll again.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct).ConfigureAwait(false); // poll interval, not a sync point
        }
    }

    private InvalidOperationException Exited() =>
        new($"anvil exited during start-up (exit code {(_process.HasExited ? _process.ExitCode.ToString(CultureInfo.InvariantCulture) : "?")}; is port {Port} in use?):\n{Output}");

    private IReadOnlyList<string> Banner(IReadOnlyList<string> values) => _launch.Silent
        ? throw new InvalidOperationException("a silent anvil prints no banner: its dev accounts and keys are not known here")
        : values;

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
            await SignalAsync(orphan, "-INT").ConfigureAwait(false);
            await WaitOrKillAsync(orphan, PersistentStopTimeout).ConfigureAwait(false);
        }
        File.Delete(pidPath);
    }

    private static async Task SignalAsync(Process process, string signal)
    {
        using var kill = Process.Start("kill", [signal, process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync().ConfigureAwait(false);
    }

    private static async Task WaitOrKillAsync(Process process, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }
}
