using System.CommandLine;
using CrossMargin.Cli.Wallet;
using Spectre.Console;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin withdraw --asset USDC --amount 100 [--account ID]`: withdraw to the signer (allowed only if NLV_hi ≥ IM after).</summary>
internal static class WithdrawCommand
{
    public static Command Create()
    {
        var asset = new Option<string>("--asset") { Description = "token symbol, e.g. USDC, WETH, WBTC", Required = true };
        var amount = new Option<string>("--amount") { Description = "amount in token units, e.g. 1.5", Required = true };
        var account = new Option<ulong?>("--account") { Description = "account id (default: the signer's only account)" };
        var command = new Command("withdraw", "withdraw collateral (or positive quote) from an account to the signer") { asset, amount, account };
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var token = ctx.Session.Registry.Asset(ctx.Get(asset));
            var units = Units.ParseAmount(ctx.Get(amount), token.Decimals, "--amount");
            var id = await Accounts.ResolveAsync(ctx.Session, ctx.Get(account), ctx.Ct);
            var engine = await ctx.Session.SigningClientAsync(Binding, ctx.Session.EngineAddress, ctx.Ct);
            var receipt = await engine.SendAsync(WithdrawFunction.Encode(id, token.Address, units), ctx.Ct);
            var update = engine.Events<CollateralUpdatedEvent>(receipt).Single();
            ctx.Line($"withdrew {Units.Format(units, token.Decimals)} {token.Symbol} from account {id}: balance {Units.Format(update.NewBalance, token.Decimals)} {token.Symbol} (transaction {receipt.TransactionHash})");
            return 0;
        });
        return command;
    }
}
