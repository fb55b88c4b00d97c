using System.CommandLine;
using CrossMargin.Cli.Commands;

namespace CrossMargin.Cli.Tests;

public sealed class VersionCommandTests
{
    [Fact]
    public async Task Version_PrintsInformationalVersion()
    {
        var output = new StringWriter();
        var root = new RootCommand { VersionCommand.Create() };
        var exit = await root.Parse(["version"]).InvokeAsync(new InvocationConfiguration { Output = output });
        Assert.Equal(0, exit);
        Assert.StartsWith("crossmargin ", output.ToString(), StringComparison.Ordinal);
    }
}
