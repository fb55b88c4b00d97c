using System.CommandLine;
using System.Reflection;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin version`: the CLI's informational version (what a bug report should quote).</summary>
internal static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "print the CLI version");
        command.SetAction(parse =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            parse.InvocationConfiguration.Output.WriteLine($"crossmargin {version}");
            return 0;
        });
        return command;
    }
}
