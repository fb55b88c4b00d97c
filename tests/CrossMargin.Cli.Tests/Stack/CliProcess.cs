using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace CrossMargin.Cli.Tests.Stack;

/// <summary>The built CLI (crossmargin.dll next to the test binaries) as a child process, with its output captured.</summary>
internal sealed class CliProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waits = [];

    public CliProcess(params string[] args)
        : this(new Dictionary<string, string?>(), args)
    {
    }

    /// <summary>The CLI with extra environment variables (a null value removes the variable).</summary>
    public CliProcess(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment)
            info.Environment[name] = value;
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "crossmargin.dll"));
        foreach (var a in args)
            info.ArgumentList.Add(a);
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Completes when a line containing <paramref name="text"/> has been printed; fails if the process exits first.</summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
                return;
            _waits.Add((text, seen));
        }
        var exited = _process.WaitForExitAsync();
        var done = await Task.WhenAny(seen.Task, exited, Task.Delay(timeout));
        if (done == exited)
        {
            // Exit can be observed before the last output lines are dispatched: drain them, then look again.
            _process.WaitForExit();
            if (Output.Contains(text, StringComparison.Ordinal))
                return;
        }
        if (done != seen.Task)
            throw new TimeoutException($"'{text}' not printed ({(done == exited ? "process exited" : "timeout")}):\n{Output}");
    }

    /// <summary>
    /// SIGTERM, as a service manager or CI stops a process; returns the exit code. Not SIGINT: a test run started in the
    /// background of a non-interactive shell (`cmd &amp;`, as CI may do) inherits SIGINT ignored, and .NET keeps an
    /// inherited ignored SIGINT ignored, so the CLI would never see it. Ctrl-C and SIGTERM cancel the same token.
    /// </summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        return await WaitForExitAsync(timeout);
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"the CLI did not exit within {timeout}:\n{Output}");
        }
        return _process.ExitCode;
    }

    /// <summary>SIGKILL of the CLI alone (a crash): its Anvil, in its own session, survives.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: false);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.AppendLine(line);
            foreach (var w in _waits.Where(w => line.Contains(w.Text, StringComparison.Ordinal)).ToList())
            {
                w.Seen.TrySetResult();
                _waits.Remove(w);
            }
        }
    }
}
