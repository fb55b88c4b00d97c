using System.Globalization;
using CrossMargin.Indexer.Hosting;
using Spectre.Console;

namespace CrossMargin.Cli.Display;

/// <summary>
/// The backfill progress bar for `crossmargin up|index`: blocks, events/s and ETA from <see cref="IndexerStatus.Progress"/>
/// (the indexer computes the numbers; this only draws them). The indexer's structured logs carry the same figures.
/// </summary>
internal static class BackfillProgressView
{
    /// <summary>Redraws every <paramref name="refresh"/> until the backfill is done (then shows 100%) or <paramref name="ct"/> is cancelled.</summary>
    public static Task ShowAsync(IAnsiConsole console, IndexerStatus status, TimeSpan refresh, CancellationToken ct, TimeProvider? time = null) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("backfill", maxValue: 1);
                while (true)
                {
                    var p = status.Progress;
                    task.Description = Markup.Escape(Describe(p));
                    task.Value = status.IsReady ? 1 : p.Fraction;
                    if (status.IsReady || ct.IsCancellationRequested)
                        break;
                    try
                    {
                        await Task.Delay(refresh, time ?? TimeProvider.System, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
                task.StopTask();
            });

    /// <summary>"backfill 1,234/5,678 blocks · 52,000 events/s · ETA 00:01:10" ("ETA ?" until a rate is known).</summary>
    public static string Describe(BackfillProgress p)
    {
        var c = CultureInfo.InvariantCulture;
        if (p.TargetBlock < 0)
            return "backfill: waiting for the node";
        var eta = p.Eta is { } e ? e.ToString(@"hh\:mm\:ss", c) : "?";
        return string.Create(c, $"backfill {Math.Max(0, p.IndexedBlock):N0}/{p.TargetBlock:N0} blocks · {p.Events:N0} events · {p.EventsPerSecond:N0} events/s · ETA {eta}");
    }
}
