using System.CommandLine;
using CrossMargin.Cli.Wallet;
using CrossMargin.Contracts;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using Spectre.Console;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin account list`: the signer's accounts (AccountOpened logs) with their health.</summary>
internal static class AccountListCommand
{
    public static Command Create()
    {
        var command = new Command("list", "list the signer's accounts");
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var owner = ctx.Session.SignerAddress();
            var owned = await Accounts.OwnedByAsync(ctx.Session, owner, ctx.Ct);
            if (owned.Count == 0)
            {
                ctx.Line($"{owner} has no account: open one with `crossmargin account open --mode cross`");
                return 0;
            }
            var book = ctx.Session.Mirror.Book;
            var prices = book.Prices();
            var table = new Table().AddColumns("account", "mode", "NLV", "MM", "IM", "free margin");
            foreach (var e in owned)
            {
                var h = HealthCalculator.Compute(book.Account((ulong)e.AccountId), book.Parameters, prices);
                table.AddRow(e.AccountId.ToString(), MarginModeNames.Display((MarginMode)e.Mode), Units.Usd(h.NlvMaint), Units.Usd(h.Mm), Units.Usd(h.Im), Units.Usd(h.InitialSurplus));
            }
            ctx.Line($"accounts of {owner}:");
            ctx.Out.Write(table);
            return 0;
        });
        return command;
    }
}
