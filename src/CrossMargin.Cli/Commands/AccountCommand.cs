using System.CommandLine;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin account open|list|show`.</summary>
internal static class AccountCommand
{
    public static Command Create() => new("account", "open, list and inspect margin accounts")
    {
        AccountOpenCommand.Create(),
        AccountListCommand.Create(),
        AccountShowCommand.Create(),
    };
}
