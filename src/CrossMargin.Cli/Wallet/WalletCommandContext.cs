using System.CommandLine;
using Spectre.Console;

namespace CrossMargin.Cli.Wallet;

/// <summary>What a wallet command's body gets: the parse, the chain session, the output (plain lines and a Spectre console for tables), cancellation.</summary>
internal sealed record WalletCommandContext(ParseResult Parse, WalletSession Session, TextWriter Writer, IAnsiConsole Out, CancellationToken Ct)
{
    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;

    /// <summary>A plain line, never wrapped (hashes and addresses must stay copyable).</summary>
    public void Line(string text) => Writer.WriteLine(text);
}
