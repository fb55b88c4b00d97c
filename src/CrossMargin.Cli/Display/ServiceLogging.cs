using Microsoft.Extensions.Logging;

namespace CrossMargin.Cli.Display;

/// <summary>The long-running commands' logs (`up`, `index`, `serve`): one line each, timestamped, on stderr; the `==>` progress lines and banners go to stdout.</summary>
internal static class ServiceLogging
{
    public static ILoggerFactory Create() => LoggerFactory.Create(b => b
        .SetMinimumLevel(LogLevel.Information)
        .AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        })
        .AddFilter("Microsoft", LogLevel.Warning)
        .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
}
