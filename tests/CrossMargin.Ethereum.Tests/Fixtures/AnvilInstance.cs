using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace CrossMargin.Ethereum.Tests.Fixtures;

/// <summary>
/// One anvil process on a free local port. Self-contained (raw HttpClient for readiness, no dependency on
/// the RPC client under test) so other test projects can link this file as-is.
/// </summary>
public sealed partial class AnvilInstance : IAsyncDisposable
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _accounts = [];
    private readonly List<string> _privateKeys = [];

    private AnvilInstance(string binary, int port, IEnumerable<string> extraArgs)
    {
        Port = port;
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(extraArgs))
            info.ArgumentList.Add(arg);
        _process = new Process { StartInfo = info, EnableRaisingEvents = true };
        // Both pipes must be drained continuously: anvil logs every request, and a full pipe would block it.
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
    }

    public int Port { get; }

    public Uri HttpUrl => new($"http://127.0.0.1:{Port}");

    public Uri WsUrl => new($"ws://127.0.0.1:{Port}");

    /// <summary>Funded dev accounts as printed by anvil (checksummed), index-aligned with <see cref="PrivateKeys"/>.</summary>
    public IReadOnlyList<string> Accounts => _accounts;

    /// <summary>Their private keys (0x-hex). Key 0 is 0xac0974be…ff80 for the default mnemonic.</summary>
    public IReadOnlyList<string> PrivateKeys => _privateKeys;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts anvil and returns once it answers eth_chainId. <paramref name="port"/> null picks a free one.</summary>
    public static async Task<AnvilInstance> StartAsync(int? port = null, IEnumerable<string>? extraArgs = null, CancellationToken ct = default)
    {
        var binary = AnvilLocator.Find();
        var args = extraArgs?.ToList() ?? [];
        for (var attempt = 1; ; attempt++)
        {
            var instance = new AnvilInstance(binary, port ?? FreePort(), args);
            try
            {
                await instance.StartProcessAsync(ct).ConfigureAwait(false);
                return instance;
            }
            catch (InvalidOperationException) when (port is null && attempt < 3)
            {
                // Another process grabbed the port between probing and anvil binding it: try another.
                await instance.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await instance.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private async Task StartProcessAsync(CancellationToken ct)
    {
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(StartupTimeout);
        var exited = _process.WaitForExitAsync(timeout.Token);
        try
        {
            // The account/key banner precedes "Listening on", so keys are complete once it appears.
            if (await Task.WhenAny(_listening.Task, exited).ConfigureAwait(false) != _listening.Task)
                throw new InvalidOperationException($"anvil exited before listening (exit code {ExitCode()}):\n{Output}");
            await WaitUntilServingAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"anvil did not become ready within {StartupTimeout}:\n{Output}");
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        const string body = """{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}""";
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"anvil exited during startup (exit code {ExitCode()}):\n{Output}");
            try
            {
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(HttpUrl, content, ct).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK && (await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false)).Contains("\"result\"", StringComparison.Ordinal))
                    return;
            }
            catch (HttpRequestException)
            {
                // Not accepting connections yet.
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                // Per-request timeout; poll again.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct).ConfigureAwait(false); // poll interval, not a sync point
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            if (_output.Length < 64 * 1024)
                _output.AppendLine(line);
            var m = IndexedHex().Match(line);
            if (m.Success)
                (m.Groups[1].Length == 40 ? _accounts : _privateKeys).Add("0x" + m.Groups[1].Value);
        }
        if (line.StartsWith("Listening on", StringComparison.Ordinal))
            _listening.TrySetResult();
    }

    private string ExitCode() => _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "?";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // "(0) 0xf39F…2266 (10000.000000000000000000 ETH)" and "(0) 0xac09…ff80" in anvil's banner.
    [GeneratedRegex(@"^\(\d+\) 0x([0-9a-fA-F]{40}|[0-9a-fA-F]{64})\b")]
    private static partial Regex IndexedHex();
}
