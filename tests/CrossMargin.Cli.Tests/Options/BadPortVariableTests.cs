using CrossMargin.Cli.Tests.Stack;

namespace CrossMargin.Cli.Tests.Options;

/// <summary>A bad $CROSSMARGIN_RPC_PORT is a usage error naming the variable for every command that starts a node
/// (demo used to end in an unhandled exception with a stack trace), before anything is started.</summary>
public sealed class BadPortVariableTests
{
    [Theory]
    [InlineData("up")]
    [InlineData("demo")]
    public async Task StackCommand_BadPortVariable_ExitsOneWithTheMessageAndNoStackTrace(string command)
    {
        var data = Directory.CreateTempSubdirectory("cm-badport-");
        try
        {
            await using var cli = new CliProcess(new Dictionary<string, string?> { ["CROSSMARGIN_RPC_PORT"] = "abc" }, command, "--data-dir", data.FullName);
            var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(1, exit);
            Assert.Contains($"crossmargin {command}: CROSSMARGIN_RPC_PORT='abc' is not a TCP port (1–65535)", cli.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", cli.Output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(data.FullName, "deployment.json")), "nothing may be deployed");
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
