using System.CommandLine;
using CrossMargin.Cli.Wallet;
using CrossMargin.Cli.Wallet.Prices;
using Spectre.Console;

namespace CrossMargin.Cli.Commands;

/// <summary>`crossmargin price set|feed` (devnet: the feeds are MockAggregators anyone may update).</summary>
internal static class PriceCommand
{
    public static Command Create() => new("price", "devnet: move the mock price feeds")
    {
        CreateSet(),
        PriceFeedCommand.Create(),
    };

    private static Command CreateSet()
    {
        var market = new Option<string>("--market") { Description = "market symbol, e.g. ETH", Required = true };
        var price = new Option<string>("--price") { Description = "new price in USD, e.g. 1800 (at most the feed's decimals)", Required = true };
        var command = new Command("set", "set one market's feed answer") { market, price };
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var m = ctx.Session.Registry.Market(ctx.Get(market));
            var answer = Units.ParseAmount(ctx.Get(price), m.FeedDecimals, "--price");
            var feeds = new FeedWriter(ctx.Session);
            var before = await feeds.AnswerAsync(m, ctx.Ct);
            await feeds.SetAsync(m, answer, ctx.Ct);
            ctx.Line($"{m.Description}: {FeedWriter.Usd(m, before)} -> {FeedWriter.Usd(m, answer)}");
            return 0;
        });
        return command;
    }
}
