using Spectre.Console;

namespace CrossMargin.Cli.Commands;

/// <summary>Spectre output on a command's invocation writer (the terminal, or a test's StringWriter).</summary>
internal static class CliConsole
{
    public static IAnsiConsole Create(TextWriter output)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
        // Not a terminal (a pipe, a file, a test): Spectre would assume 80 columns and wrap the wide tables.
        if (output != Console.Out || Console.IsOutputRedirected)
            console.Profile.Width = 160;
        return console;
    }
}
