using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Cli.Devnet;

/// <summary>
/// A throwaway anvil for commands that need their own chain (compare, tests): free local port, its own temp
/// directory as working directory, history pruned (nothing reads old states, and pruning keeps anvil from
/// spilling states to disk), killed with its process tree on dispose.
/// </summary>
internal sealed class AnvilProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };
    private readonly Process _process;

    private AnvilProcess(Process process, int port, string directory)
    {
        _process = process;
        HttpUrl = new Uri($"http://127.0.0.1:{port}");
        WsUrl = new Uri($"ws://127.0.0.1:{port}");
        Directory = directory;
        Rpc = new JsonRpcClient(Http, HttpUrl, new JsonRpcClientOptions { RequestTimeout = TimeSpan.FromMinutes(2) });
    }

    public Uri HttpUrl { get; }

    public Uri WsUrl { get; }

    public string Directory { get; }

    public JsonRpcClient Rpc { get; }

    public static async Task<AnvilProcess> StartAsync(CancellationToken ct)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"crossmargin-anvil-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var port = FreePort();
        var info = new ProcessStartInfo(Stack.Toolchain.Anvil)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // A high block gas limit: the stress replay's keeper may send many liquidations into one block.
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--prune-history", "--gas-limit", "1000000000", "--silent" })
            info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException("anvil did not start");
        // Drained so a chatty anvil can never block on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var anvil = new AnvilProcess(process, port, directory);
        try
        {
            await anvil.WaitUntilServingAsync(ct);
            return anvil;
        }
        catch
        {
            await anvil.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover empty temp directory is harmless.
        }
    }

    private async Task WaitUntilServingAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"anvil exited during start-up (exit code {_process.ExitCode})");
            try
            {
                await Rpc.ChainIdAsync(ct);
                return;
            }
            catch (JsonRpcTransportException) when (watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                // Not listening yet: anvil binds its port a few milliseconds after start.
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct); // poll interval for readiness, not a synchronisation point
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
