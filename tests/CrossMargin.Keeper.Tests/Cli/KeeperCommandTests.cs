using CrossMargin.Keeper.Tests.Fixtures;

namespace CrossMargin.Keeper.Tests.Cli;

/// <summary>`crossmargin keeper` refuses bad key options before touching the network, naming the source, never the value.</summary>
public sealed class KeeperCommandTests
{
    [Fact]
    public async Task Keeper_InvalidKeyInEnvironment_Exit2AndSecretNotPrinted()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        const string secret = "0xnot-a-key-but-secret-4f1c";
        using var keeper = KeeperProcess.Start(secret, "--engine", "0x0165878A594ca255338adfa4d48449f69242Eb8F", "--key-env", KeeperProcess.KeyVariable);
        Assert.Equal(2, await keeper.ExitCodeAsync(cts.Token));
        await keeper.DrainedAsync(cts.Token);
        Assert.Contains(keeper.Output, l => l.Contains(KeeperProcess.KeyVariable, StringComparison.Ordinal) && l.Contains("valid private key", StringComparison.Ordinal));
        Assert.DoesNotContain(keeper.Output, l => l.Contains("secret-4f1c", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Keeper_NoEngine_Exit2WithUsageHint()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var keeper = KeeperProcess.Start("0x01", "--key-env", KeeperProcess.KeyVariable);
        Assert.Equal(2, await keeper.ExitCodeAsync(cts.Token));
        await keeper.DrainedAsync(cts.Token);
        Assert.Contains(keeper.Output, l => l.Contains("--deployment", StringComparison.Ordinal) && l.Contains("--engine", StringComparison.Ordinal));
    }
}
