using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace CrossMargin.Cli.Demo;

/// <summary>
/// Mined vs pending while the set-up's transactions go out: a Spectre progress bar in a terminal, otherwise a line
/// every 2 s and one per finished send (with its blocks and wall time, the figures the scaling runs quote).
/// </summary>
internal sealed class SetupProgress(IAnsiConsole console, TextWriter output, bool live)
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(2);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _lastLine;
    private TimeSpan _sendStarted;
    private int _lastTotal = -1;
    private int _lastMined = -1;

    public async Task<T> RunAsync<T>(TxPipeline pipeline, Func<Task<T>> body)
    {
        if (!live)
        {
            pipeline.Progress = Plain;
            try
            {
                return await body().ConfigureAwait(false);
            }
            finally
            {
                pipeline.Progress = null;
            }
        }
        var result = default(T)!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("set-up transactions", maxValue: 1);
                pipeline.Progress = p =>
                {
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Mined + p.Failed;
                    task.Description = Markup.Escape(Describe(p));
                };
                try
                {
                    result = await body().ConfigureAwait(false);
                }
                finally
                {
                    pipeline.Progress = null;
                }
                task.StopTask();
            }).ConfigureAwait(false);
        return result;
    }

    private void Plain(SendProgress p)
    {
        var now = _clock.Elapsed;
        if (p.Total != _lastTotal || p.Mined < _lastMined)
            _sendStarted = now; // a new send began
        _lastTotal = p.Total;
        _lastMined = p.Mined;
        if (p.Done)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Describe(p)} in {(now - _sendStarted).TotalSeconds:N1} s"));
            _lastTotal = -1;
            _lastLine = now;
        }
        else if (now - _lastLine >= PlainEvery)
        {
            output.WriteLine($"  {Describe(p)}");
            _lastLine = now;
        }
    }

    private static string Describe(SendProgress p) => string.Create(CultureInfo.InvariantCulture,
        $"mined {p.Mined:N0} / {p.Total:N0} transactions ({p.Pending:N0} pending, {p.Reverted:N0} reverted, {p.Failed:N0} refused) in {p.Blocks:N0} blocks");
}
