using System.CommandLine;
using CrossMargin.Cli.Wallet;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Risk.Model;
using Spectre.Console;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// `crossmargin account show [--account ID] [--what-if ETH:+1.5]`: balances, positions, margin and liquidation prices from
/// the exact off-chain model, plus the contract's own health() as a cross-check (which also reveals stale prices).
/// </summary>
internal static class AccountShowCommand
{
    public static Command Create()
    {
        var account = new Option<ulong?>("--account") { Description = "account id (default: the signer's only account)" };
        var whatIf = new Option<string[]>("--what-if") { Description = "proposed trade MARKET:SIZE, e.g. ETH:+1.5 or BTC:-0.1 (repeatable)", AllowMultipleArgumentsPerToken = false };
        var command = new Command("show", "balances, positions, NLV, IM, MM, liquidation prices; what-if of a proposed trade") { account, whatIf };
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var proposals = (ctx.Get(whatIf) ?? []).Select(w => ParseWhatIf(w, ctx.Session.Registry)).ToList();
            var id = await Accounts.ResolveAsync(ctx.Session, ctx.Get(account), ctx.Ct);
            var info = await ctx.Session.Engine.CallAsync(AccountInfoFunction.Encode(id), AccountInfoFunction.DecodeResult, ctx.Ct);
            var report = new AccountReport(ctx.Session.Mirror.Book, ctx.Session.Registry, id);
            ctx.Line($"account {id} ({MarginModeNames.Display((MarginMode)info.Mode)}) owned by {info.Owner}, block {ctx.Session.Mirror.LastBlock}");
            ctx.Out.Write(report.Balances());
            if (report.Positions() is { } positions)
                ctx.Out.Write(positions);
            else
                ctx.Line("no positions");
            ctx.Out.Write(HealthView.Render(report.Health));
            await CrossCheckAsync(ctx, id, report);
            foreach (var (market, size) in proposals)
                ctx.Out.Write(report.WhatIf(market, size));
            return 0;
        });
        return command;
    }

    /// <summary>The contract reads live oracles: a stale feed makes health() revert, which is what trades would hit too.</summary>
    private static async Task CrossCheckAsync(WalletCommandContext ctx, ulong id, AccountReport report)
    {
        try
        {
            var h = await ctx.Session.Engine.CallAsync(HealthFunction.Encode(id), HealthFunction.DecodeResult, ctx.Ct);
            var local = report.Health;
            if (h.NlvMaint != local.NlvMaint || h.NlvInit != local.NlvInit || h.Mm != local.Mm || h.Im != local.Im)
                ctx.Line($"warning: the contract's health() differs from the off-chain model: {h}");
        }
        catch (ContractRevertException e)
        {
            ctx.Line($"warning: {RevertMessages.Describe(e, ctx.Session.Registry)}");
        }
    }

    private static (Market Market, Int256 Size) ParseWhatIf(string text, AssetRegistry registry)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
            throw new WalletException($"bad --what-if '{text}': expected MARKET:SIZE such as ETH:+1.5");
        var market = registry.Market(text[..colon].Trim());
        return (market, Units.ParseSize(text[(colon + 1)..], "--what-if size"));
    }
}
