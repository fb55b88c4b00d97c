using Spectre.Console;

namespace CrossMargin.Cli.Options;

/// <summary>The keystore password when no variable holds it: the first line of redirected input (scripts, tests), else a hidden prompt.</summary>
internal static class PasswordPrompt
{
    public static string Read()
    {
        if (Console.IsInputRedirected)
            return Console.In.ReadLine() ?? throw new UsageException("no keystore password on standard input (or pass --password-env NAME)");
        return AnsiConsole.Prompt(new TextPrompt<string>("keystore password:").Secret().AllowEmpty());
    }
}
