using System.CommandLine;
using CrossMargin.Cli.Wallet;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Math;
using Spectre.Console;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// `crossmargin faucet --asset WETH --amount 10` (devnet only): mints mock tokens to the signer, and tops its ETH up to
/// at least <see cref="GasFloorEth"/> ETH with anvil_setBalance so it can pay gas; `--asset ETH` adds native ETH.
/// </summary>
internal static class FaucetCommand
{
    private const ulong GasFloorEth = 10;

    public static Command Create()
    {
        var asset = new Option<string>("--asset") { Description = "token symbol (USDC, WETH, WBTC) or ETH for native ether", Required = true };
        var amount = new Option<string>("--amount") { Description = "amount in token units, e.g. 10", Required = true };
        var command = new Command("faucet", "devnet: mint mock tokens (and gas ETH) to the signer") { asset, amount };
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var symbol = ctx.Get(asset);
            var native = string.Equals(symbol, "ETH", StringComparison.OrdinalIgnoreCase);
            var token = native ? null : ctx.Session.Registry.Asset(symbol);
            var units = Units.ParseAmount(ctx.Get(amount), token?.Decimals ?? 18, "--amount");
            var signer = ctx.Session.SignerAddress();
            var eth = await ctx.Session.Rpc.GetBalanceAsync(signer, BlockParameter.Latest, ctx.Ct);
            var floor = new UInt256(GasFloorEth) * WadMath.Wad;
            var target = native ? eth + units : UInt256.Max(eth, floor);
            if (target != eth)
            {
                try
                {
                    await ctx.Session.Rpc.SetBalanceAsync(signer, target, ctx.Ct);
                }
                catch (JsonRpcException e)
                {
                    throw new WalletException($"the faucet needs an Anvil devnet (anvil_setBalance failed: {e.Message})");
                }
            }
            if (token is null)
            {
                ctx.Line($"{signer} now holds {Units.Format(target, 18)} ETH");
                return 0;
            }
            var erc20 = await ctx.Session.SigningClientAsync(MockERC20Contract.Binding, token.Address, ctx.Ct);
            await erc20.SendAsync(MockERC20Contract.MintFunction.Encode(signer, units), ctx.Ct);
            var held = await erc20.CallAsync(MockERC20Contract.BalanceOfFunction.Encode(signer), MockERC20Contract.BalanceOfFunction.DecodeResult, ctx.Ct);
            ctx.Line($"minted {Units.Format(units, token.Decimals)} {token.Symbol} to {signer}: wallet holds {Units.Format(held, token.Decimals)} {token.Symbol} and {Units.Format(target, 18)} ETH");
            return 0;
        });
        return command;
    }
}
