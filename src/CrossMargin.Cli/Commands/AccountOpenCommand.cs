using System.CommandLine;
using CrossMargin.Cli.Wallet;
using CrossMargin.Contracts;
using CrossMargin.Risk.Model;
using Spectre.Console;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin account open --mode isolated|cross|portfolio`: openAccount from the signer.</summary>
internal static class AccountOpenCommand
{
    public static Command Create()
    {
        var mode = new Option<MarginMode>("--mode") { Description = "isolated (one market), cross, or portfolio (correlation-aware)", Required = true };
        var command = new Command("open", "open a margin account owned by the signer") { mode };
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var engine = await ctx.Session.SigningClientAsync(Binding, ctx.Session.EngineAddress, ctx.Ct);
            var receipt = await engine.SendAsync(OpenAccountFunction.Encode((byte)ctx.Get(mode)), ctx.Ct);
            var opened = engine.Events<AccountOpenedEvent>(receipt).Single();
            ctx.Line($"opened account {opened.AccountId} ({MarginModeNames.Display((MarginMode)opened.Mode)}) for {opened.Owner} in transaction {receipt.TransactionHash}");
            return 0;
        });
        return command;
    }
}
