using System.Diagnostics;
using System.Threading.Channels;

namespace CrossMargin.Keeper.Tests.Fixtures;

/// <summary>`crossmargin keeper …` as a child process (the CLI built next to this project), its stdout as lines.</summary>
internal sealed class KeeperProcess : IDisposable
{
    public const string KeyVariable = "CROSSMARGIN_TEST_KEEPER_KEY";
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _all = [];

    private KeeperProcess(Process process) => _process = process;

    /// <summary>Every line printed so far, stdout and stderr (a copy).</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_all)
                return [.. _all];
        }
    }

    public static KeeperProcess Start(string privateKeyHex, params string[] args)
    {
        var dll = BuildOutput.Dll("src/CrossMargin.Cli", "crossmargin");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("keeper");
        foreach (var a in args)
            info.ArgumentList.Add(a);
        info.Environment[KeyVariable] = privateKeyHex; // the key travels by environment, never on the command line
        var keeper = new KeeperProcess(Process.Start(info)!);
        keeper._process.OutputDataReceived += (_, e) =>
        {
            keeper.OnLine(e.Data);
            if (e.Data is null)
                keeper._lines.Writer.TryComplete(); // stdout closed: the process is gone
        };
        keeper._process.ErrorDataReceived += (_, e) => keeper.OnLine(e.Data is null ? null : "stderr: " + e.Data);
        keeper._process.BeginOutputReadLine();
        keeper._process.BeginErrorReadLine();
        return keeper;
    }

    /// <summary>Next line, or null when none came within <paramref name="timeout"/> or the process ended.</summary>
    public async Task<string?> NextLineAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            return await _lines.Reader.ReadAsync(cts.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public async Task WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && await NextLineAsync(timeout - deadline.Elapsed, ct) is { } line)
        {
            if (match(line))
                return;
        }
        throw new TimeoutException($"keeper process: expected line not printed within {timeout}; output:\n{string.Join('\n', Output.TakeLast(30))}");
    }

    /// <summary>SIGKILL: no managed code runs, no final checkpoint.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM (what a service manager sends) and the exit code.</summary>
    public async Task<int> TerminateAsync(CancellationToken ct)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync(ct);
        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to end by itself; its exit code.</summary>
    public async Task<int> ExitCodeAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>Completes once stdout has closed and every line before it is in <see cref="Output"/>.</summary>
    public async Task DrainedAsync(CancellationToken ct)
    {
        while (await NextLineAsync(TimeSpan.FromSeconds(30), ct) is not null)
        {
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_all)
            _all.Add(line);
        _lines.Writer.TryWrite(line);
    }
}
