using System.CommandLine;
using CrossMargin.Cli.Wallet;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using Spectre.Console;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin deposit --asset WETH --amount 1.5 [--account ID]`: approve (when the allowance is short) + deposit.</summary>
internal static class DepositCommand
{
    public static Command Create()
    {
        var asset = new Option<string>("--asset") { Description = "token symbol, e.g. USDC, WETH, WBTC", Required = true };
        var amount = new Option<string>("--amount") { Description = "amount in token units, e.g. 1.5", Required = true };
        var account = new Option<ulong?>("--account") { Description = "account id (default: the signer's only account)" };
        var command = new Command("deposit", "deposit collateral (or quote) from the signer's wallet into an account") { asset, amount, account };
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var token = ctx.Session.Registry.Asset(ctx.Get(asset));
            var units = Units.ParseAmount(ctx.Get(amount), token.Decimals, "--amount");
            var id = await Accounts.ResolveAsync(ctx.Session, ctx.Get(account), ctx.Ct);
            var signer = await ctx.Session.SignerAsync(ctx.Ct);
            var erc20 = await ctx.Session.SigningClientAsync(MockERC20Contract.Binding, token.Address, ctx.Ct);
            var held = await erc20.CallAsync(MockERC20Contract.BalanceOfFunction.Encode(signer.Address), MockERC20Contract.BalanceOfFunction.DecodeResult, ctx.Ct);
            if (held < units)
                throw new WalletException($"insufficient {token.Symbol} in wallet {signer.Address}: have {Units.Format(held, token.Decimals)}, need {Units.Format(units, token.Decimals)} (devnet: crossmargin faucet --asset {token.Symbol} --amount N)");
            var allowance = await erc20.CallAsync(MockERC20Contract.AllowanceFunction.Encode(signer.Address, ctx.Session.EngineAddress), MockERC20Contract.AllowanceFunction.DecodeResult, ctx.Ct);
            if (allowance < units)
                await erc20.SendAsync(MockERC20Contract.ApproveFunction.Encode(ctx.Session.EngineAddress, units), ctx.Ct);
            var engine = await ctx.Session.SigningClientAsync(Binding, ctx.Session.EngineAddress, ctx.Ct);
            var receipt = await engine.SendAsync(DepositFunction.Encode(id, token.Address, units), ctx.Ct);
            var update = engine.Events<CollateralUpdatedEvent>(receipt).Single();
            ctx.Line($"deposited {Units.Format(units, token.Decimals)} {token.Symbol} into account {id}: balance {Units.Format(update.NewBalance, token.Decimals)} {token.Symbol} (transaction {receipt.TransactionHash})");
            return 0;
        });
        return command;
    }
}
