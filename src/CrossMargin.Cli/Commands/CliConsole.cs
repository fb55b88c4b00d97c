using Spectre.Console;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// The one way to get Spectre output for a command: a console on its invocation writer (the terminal, or a test's
/// StringWriter). Anything but the terminal gets plain text (no ANSI codes, no colour) at 160 columns, because Spectre
/// would assume 80 and wrap the wide tables.
/// </summary>
internal static class CliConsole
{
    public static IAnsiConsole Create(TextWriter output)
    {
        var terminal = IsTerminal(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(output),
        });
        if (!terminal)
            console.Profile.Width = 160;
        return console;
    }

    /// <summary>True when <paramref name="output"/> is the process's standard output and that is a terminal.</summary>
    public static bool IsTerminal(TextWriter output) => ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
}
