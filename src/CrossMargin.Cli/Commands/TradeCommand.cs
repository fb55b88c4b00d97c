using System.CommandLine;
using CrossMargin.Cli.Wallet;
using CrossMargin.Ethereum.Primitives;
using Spectre.Console;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin trade --market ETH --size -0.5 [--price-limit 1900] [--account ID]`: trade at the oracle price against the vault.</summary>
internal static class TradeCommand
{
    public static Command Create()
    {
        var market = new Option<string>("--market") { Description = "market symbol, e.g. ETH, BTC, SOL", Required = true };
        var size = new Option<string>("--size") { Description = "signed size in base units: +1.5 buys, -0.5 sells", Required = true };
        var limit = new Option<string?>("--price-limit") { Description = "worst acceptable oracle price in USD (highest for a buy, lowest for a sell); default none" };
        var account = new Option<ulong?>("--account") { Description = "account id (default: the signer's only account)" };
        var command = new Command("trade", "open, increase, reduce or flip a perp position at the oracle price") { market, size, limit, account };
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var m = ctx.Session.Registry.Market(ctx.Get(market));
            var delta = Units.ParseSize(ctx.Get(size), "--size");
            var priceLimit = ctx.Get(limit) is { } text ? Units.ParseAmount(text, 18, "--price-limit") : delta.IsNegative ? UInt256.Zero : UInt256.MaxValue;
            var id = await Accounts.ResolveAsync(ctx.Session, ctx.Get(account), ctx.Ct);
            var engine = await ctx.Session.SigningClientAsync(Binding, ctx.Session.EngineAddress, ctx.Ct);
            var receipt = await engine.SendAsync(TradeFunction.Encode(id, (ulong)m.Id, delta, priceLimit), ctx.Ct);
            var p = engine.Events<PositionUpdatedEvent>(receipt).Single();
            var quote = ctx.Session.Registry.Quote;
            ctx.Line($"traded {Signed(delta)} {m.Symbol} at {Units.Usd(p.Price)} in account {id}: position {Units.Format(p.NewSize, 18)} {m.Symbol}, "
                + $"fee {Units.Format(p.Fee, quote.Decimals)} {quote.Symbol}, realised PnL {Units.Format(p.RealizedPnl, quote.Decimals)} {quote.Symbol} (transaction {receipt.TransactionHash})");
            var h = await engine.CallAsync(HealthFunction.Encode(id), HealthFunction.DecodeResult, ctx.Ct);
            ctx.Out.Write(HealthView.Render(new Risk.Model.Health(h.NlvMaint, h.NlvInit, h.Mm, h.Im)));
            return 0;
        });
        return command;
    }

    private static string Signed(Int256 size) => (size.IsNegative ? "" : "+") + Units.Format(size, 18);
}
