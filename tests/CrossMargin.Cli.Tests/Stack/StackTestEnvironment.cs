using CrossMargin.Cli.Stack;

namespace CrossMargin.Cli.Tests.Stack;

/// <summary>A temp data directory and free ports for one `up`/`demo` run (never 8545, 8080 or 9464).</summary>
internal sealed class StackTestEnvironment : IDisposable
{
    public string DataDir { get; } = Path.Combine(Path.GetTempPath(), $"crossmargin-up-{Guid.NewGuid():N}");
    public int AnvilPort { get; } = LoopbackPort.Free();
    public int ApiPort { get; } = LoopbackPort.Free();
    public int KeeperMetricsPort { get; } = LoopbackPort.Free();

    public StackOptions Options => new()
    {
        DataDir = DataDir,
        AnvilPort = AnvilPort,
        ApiPort = ApiPort,
        KeeperMetricsPort = KeeperMetricsPort,
    };

    public string[] Arguments =>
    [
        "--data-dir", DataDir, "--port", $"{AnvilPort}", "--api-port", $"{ApiPort}", "--keeper-metrics-port", $"{KeeperMetricsPort}",
    ];

    public void Dispose()
    {
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}

/// <summary>The stack tests start Anvil + forge + hosts; run them one at a time on this 2-core machine.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class StackCollection
{
    public const string Name = "stack";
}
