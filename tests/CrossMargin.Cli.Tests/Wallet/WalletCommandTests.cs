using System.Numerics;
using CrossMargin.Cli.Wallet;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Cli.Tests.Wallet;

/// <summary>
/// account open/list/show, faucet, deposit, withdraw and trade against a real Anvil with the contracts deployed. Each test
/// signs with its own dev key, so its accounts are its own ("exactly one account" defaults hold).
/// </summary>
public sealed class WalletCommandTests(WalletDevnet devnet) : IClassFixture<WalletDevnet>
{
    private static readonly BigInteger Wad = BigInteger.Pow(10, 18);
    private readonly Chain _chain = new(devnet);

    [Fact]
    public async Task OpenFaucetDepositTradeWithdraw_ChangeChainState_AndShowEqualsContractHealth()
    {
        const int signer = 1;
        var opened = await Cli.OkAsync(devnet, signer, "account", "open", "--mode", "cross");
        Assert.Contains("(CROSS)", opened.Output, StringComparison.Ordinal);
        var id = Output.OpenedAccount(opened.Output);
        var me = Address.Parse(devnet.Address(signer));

        await Cli.OkAsync(devnet, signer, "faucet", "--asset", "WETH", "--amount", "10");
        await Cli.OkAsync(devnet, signer, "faucet", "--asset", "usdc", "--amount", "5000");
        Assert.Equal((UInt256)(10 * Wad), await _chain.WalletBalanceAsync(devnet.Devnet.Weth, me));
        Assert.Equal(new UInt256(5_000_000_000UL), await _chain.WalletBalanceAsync(devnet.Devnet.Usdc, me));

        await Cli.OkAsync(devnet, signer, "deposit", "--asset", "WETH", "--amount", "1.5");
        await Cli.OkAsync(devnet, signer, "deposit", "--asset", "USDC", "--amount", "1000", "--account", id.ToString());
        Assert.Equal((UInt256)(15 * Wad / 10), await _chain.CollateralAsync(id, devnet.Devnet.Weth));
        Assert.Equal((Int256)1_000_000_000L, await _chain.QuoteBalanceAsync(id));
        Assert.Equal((UInt256)(85 * Wad / 10), await _chain.WalletBalanceAsync(devnet.Devnet.Weth, me));

        var trade = await Cli.OkAsync(devnet, signer, "trade", "--market", "ETH", "--size", "-0.5");
        Assert.Contains("traded -0.5 ETH at 2,000 USD", trade.Output, StringComparison.Ordinal);
        Assert.Equal((Int256)(-Wad / 2), await _chain.SizeAsync(id, 1));
        Assert.Equal((Int256)999_500_000L, await _chain.QuoteBalanceAsync(id)); // 0.05% taker fee on 1,000 USD

        await Cli.OkAsync(devnet, signer, "withdraw", "--asset", "USDC", "--amount", "99.5");
        Assert.Equal((Int256)900_000_000L, await _chain.QuoteBalanceAsync(id));

        var show = await Cli.OkAsync(devnet, signer, "account", "show");
        var h = await _chain.HealthAsync(id);
        Assert.Equal(Units.Usd(h.NlvMaint), Output.Row(show.Output, "NLV (maintenance haircuts)"));
        Assert.Equal(Units.Usd(h.NlvInit), Output.Row(show.Output, "NLV (initial haircuts)"));
        Assert.Equal(Units.Usd(h.Im), Output.Row(show.Output, "initial margin (IM)"));
        Assert.Equal(Units.Usd(h.Mm), Output.Row(show.Output, "maintenance margin (MM)"));
        Assert.DoesNotContain("warning", show.Output, StringComparison.Ordinal);
        Assert.Contains("│ WETH  │ 1.5     │ 2,000 USD │ 3,000 USD │", show.Output, StringComparison.Ordinal);
        Assert.Contains("│ ETH    │ -0.5 │ 2,000 USD │ 2,000 USD │ 0 USD │", show.Output, StringComparison.Ordinal);

        var list = await Cli.OkAsync(devnet, signer, "account", "list");
        Assert.Contains($"│ {id}", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_LiquidationPrice_IsWhereTheContractTurnsLiquidatable()
    {
        const int signer = 2;
        var id = Output.OpenedAccount((await Cli.OkAsync(devnet, signer, "account", "open", "--mode", "isolated")).Output);
        await Cli.OkAsync(devnet, signer, "faucet", "--asset", "USDC", "--amount", "1000");
        await Cli.OkAsync(devnet, signer, "deposit", "--asset", "USDC", "--amount", "1000");
        await Cli.OkAsync(devnet, signer, "trade", "--market", "BTC", "--size", "0.1");
        var show = await Cli.OkAsync(devnet, signer, "account", "show", "--what-if", "ETH:+1");
        Assert.Contains("what-if ETH +1: the engine would refuse it: the account is ISOLATED and already trades another market", show.Output, StringComparison.Ordinal);
        var row = show.Output.Split('\n').Single(l => l.StartsWith("│ BTC", StringComparison.Ordinal));
        var liquidation = row.Split('│', StringSplitOptions.TrimEntries)[6].Replace(" USD", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        try
        {
            await Cli.OkAsync(devnet, signer, "price", "set", "--market", "BTC", "--price", liquidation);
            var at = await _chain.HealthAsync(id);
            Assert.True(at.NlvMaint < (Int256)at.Mm, $"not liquidatable at the shown price {liquidation}");
            var oneUnitAbove = Units.Format(Units.ParseAmount(liquidation, 8, "price") + UInt256.One, 8).Replace(",", "", StringComparison.Ordinal);
            await Cli.OkAsync(devnet, signer, "price", "set", "--market", "BTC", "--price", oneUnitAbove);
            var above = await _chain.HealthAsync(id);
            Assert.True(above.NlvMaint >= (Int256)above.Mm, $"already liquidatable one answer unit above {liquidation}");
        }
        finally
        {
            await Cli.OkAsync(devnet, signer, "price", "set", "--market", "BTC", "--price", "60000");
        }
    }

    [Fact]
    public async Task WhatIf_PredictsTheHealthOfTheTradeThenExecuted()
    {
        const int signer = 3;
        var id = Output.OpenedAccount((await Cli.OkAsync(devnet, signer, "account", "open", "--mode", "portfolio")).Output);
        await Cli.OkAsync(devnet, signer, "faucet", "--asset", "WETH", "--amount", "10");
        await Cli.OkAsync(devnet, signer, "faucet", "--asset", "USDC", "--amount", "1000");
        await Cli.OkAsync(devnet, signer, "deposit", "--asset", "WETH", "--amount", "10");
        await Cli.OkAsync(devnet, signer, "deposit", "--asset", "USDC", "--amount", "1000");
        var show = await Cli.OkAsync(devnet, signer, "account", "show", "--what-if", "ETH:-10", "--what-if", "BTC:+10");
        Assert.Contains("what-if ETH -10: fee 10 USDC, realised PnL 0 USDC; the engine would accept it", show.Output, StringComparison.Ordinal);
        // 10 BTC = 600,000 USD against ~21,000 USD of collateral.
        Assert.Contains("what-if BTC +10: fee 300 USDC, realised PnL 0 USDC; the engine would refuse it: insufficient margin (needs ", show.Output, StringComparison.Ordinal);

        await Cli.OkAsync(devnet, signer, "trade", "--market", "ETH", "--size", "-10");
        var h = await _chain.HealthAsync(id);
        // Row 0 is the current health, row 1 the what-if's; the basis trade of docs/margin-model.md example (a).
        Assert.Equal(Units.Usd(h.NlvMaint), Output.Row(show.Output, "NLV (maintenance haircuts)", 1));
        Assert.Equal(Units.Usd(h.Im), Output.Row(show.Output, "initial margin (IM)", 1));
        Assert.Equal(Units.Usd(h.Mm), Output.Row(show.Output, "maintenance margin (MM)", 1));
        Assert.Equal("20,990 USD", Units.Usd(h.NlvMaint));
        Assert.Equal("500 USD", Units.Usd(h.Im));
    }

    [Fact]
    public async Task TradeAndWithdraw_BeyondMargin_FailWithRequiredAndAvailableUsd()
    {
        const int signer = 4;
        var id = Output.OpenedAccount((await Cli.OkAsync(devnet, signer, "account", "open", "--mode", "cross")).Output);
        await Cli.OkAsync(devnet, signer, "faucet", "--asset", "USDC", "--amount", "100");
        await Cli.OkAsync(devnet, signer, "deposit", "--asset", "USDC", "--amount", "100");

        // +1 ETH: IM 10% of 2,000 = 200 USD; NLV 100 − 1 USD fee = 99 USD.
        var error = await Cli.FailAsync(devnet, signer, "trade", "--market", "ETH", "--size", "1");
        Assert.Equal($"error: insufficient margin: account {id} would need 200 USD of initial margin (IM) but would have only 99 USD of NLV at initial haircuts (short by 101 USD)\n", error);
        Assert.Equal(Int256.Zero, await _chain.SizeAsync(id, 1));

        await Cli.OkAsync(devnet, signer, "trade", "--market", "ETH", "--size", "0.4");
        // IM 80 USD; after withdrawing 50 the NLV is 100 − 0.4 − 50 = 49.6 USD.
        error = await Cli.FailAsync(devnet, signer, "withdraw", "--asset", "USDC", "--amount", "50");
        Assert.Equal($"error: insufficient margin: account {id} would need 80 USD of initial margin (IM) but would have only 49.6 USD of NLV at initial haircuts (short by 30.4 USD)\n", error);
        Assert.Equal((Int256)99_600_000L, await _chain.QuoteBalanceAsync(id));
    }

    [Fact]
    public async Task BadInput_IsRefusedWithAMessageNamingTheProblem()
    {
        const int signer = 5;
        Assert.Contains("has no account: open one with `crossmargin account open --mode cross`", await Cli.FailAsync(devnet, signer, "account", "show"), StringComparison.Ordinal);
        var id = Output.OpenedAccount((await Cli.OkAsync(devnet, signer, "account", "open", "--mode", "cross")).Output);

        Assert.Equal("error: unknown asset 'DOGE' (known: USDC, WETH, WBTC)\n", await Cli.FailAsync(devnet, signer, "deposit", "--asset", "DOGE", "--amount", "1"));
        Assert.Equal("error: unknown market 'XRP' (known: ETH, BTC, SOL)\n", await Cli.FailAsync(devnet, signer, "trade", "--market", "XRP", "--size", "1"));
        Assert.Equal("error: bad --amount '1.0000001': at most 6 decimal places are allowed\n", await Cli.FailAsync(devnet, signer, "deposit", "--asset", "USDC", "--amount", "1.0000001"));
        Assert.Equal("error: bad --amount '1,5': expected a decimal number such as 1.5\n", await Cli.FailAsync(devnet, signer, "deposit", "--asset", "USDC", "--amount", "1,5"));
        Assert.Equal("error: bad --amount '0': must be a positive number without a sign\n", await Cli.FailAsync(devnet, signer, "withdraw", "--asset", "USDC", "--amount", "0"));
        Assert.Equal("error: bad --size '0.0': must not be zero\n", await Cli.FailAsync(devnet, signer, "trade", "--market", "ETH", "--size", "0.0"));
        Assert.Contains($"error: insufficient WETH in wallet {devnet.Address(signer)}: have 0, need 2", await Cli.FailAsync(devnet, signer, "deposit", "--asset", "WETH", "--amount", "2"), StringComparison.Ordinal);
        Assert.Equal("error: insufficient USDC in the account: balance 0 USDC, requested 1 USDC\n", await Cli.FailAsync(devnet, signer, "withdraw", "--asset", "USDC", "--amount", "1"));
        Assert.Equal("error: account 999 does not exist\n", await Cli.FailAsync(devnet, signer, "account", "show", "--account", "999"));

        // Another key acting on this account.
        Assert.Equal($"error: not owner: {devnet.Address(6)} is neither the owner of account {id} nor an approved operator\n",
            await Cli.FailAsync(devnet, 6, "trade", "--market", "ETH", "--size", "1", "--account", id.ToString()));

        var second = Output.OpenedAccount((await Cli.OkAsync(devnet, signer, "account", "open", "--mode", "isolated")).Output);
        Assert.Contains($"has 2 accounts ({id}, {second}): pass --account ID", await Cli.FailAsync(devnet, signer, "account", "show"), StringComparison.Ordinal);
    }
}
