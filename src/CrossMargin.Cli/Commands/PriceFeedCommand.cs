using System.CommandLine;
using System.Numerics;
using CrossMargin.Cli.Wallet;
using CrossMargin.Cli.Wallet.Prices;
using Spectre.Console;

namespace CrossMargin.Cli.Commands;

/// <summary>
/// `crossmargin price feed --walk [--vol 0.02 --interval 1s --steps N --seed S]` moves every market's feed by a seeded
/// random walk and prints each tick; `price feed --csv FILE` replays `timestamp_or_step,market,price` rows (validated
/// first), applying the rows that share a step together and waiting --interval (default 0) between steps.
/// </summary>
internal static class PriceFeedCommand
{
    public static Command Create()
    {
        var walk = new Option<bool>("--walk") { Description = "random walk on all market feeds" };
        var csv = new Option<FileInfo?>("--csv") { Description = "replay a price file of rows timestamp_or_step,market,price" };
        var vol = new Option<double>("--vol") { Description = "walk: per-step volatility (standard deviation of the log return)", DefaultValueFactory = _ => 0.02 };
        var interval = new Option<string?>("--interval") { Description = "wait between ticks, e.g. 1s, 250ms, 0 (default: 1s walk, 0 csv)" };
        var steps = new Option<int?>("--steps") { Description = "walk: number of ticks (default: until Ctrl-C)" };
        var seed = new Option<int?>("--seed") { Description = "walk: random seed (default: random)" };
        var command = new Command("feed", "drive the feeds: random walk or CSV replay") { walk, csv, vol, interval, steps, seed };
        command.Validators.Add(r =>
        {
            if (r.GetValue(walk) == (r.GetValue(csv) is not null))
                r.AddError("pass exactly one of --walk or --csv FILE");
            if (r.GetValue(steps) is < 1)
                r.AddError("--steps must be at least 1");
            if (r.GetValue(vol) is < 0 or > 1 or double.NaN)
                r.AddError("--vol must be between 0 and 1");
        });
        WalletAction.Set(command, new WalletOptions(), async ctx =>
        {
            var file = ctx.Get(csv);
            var wait = Interval.Parse(ctx.Get(interval), file is null ? TimeSpan.FromSeconds(1) : TimeSpan.Zero);
            var feeds = new FeedWriter(ctx.Session);
            if (file is not null)
                return await ReplayAsync(ctx, feeds, file, wait);
            var random = new PriceWalk(ctx.Get(vol), ctx.Get(seed) ?? Random.Shared.Next());
            var markets = ctx.Session.Registry.Markets;
            var answers = new Dictionary<int, BigInteger>();
            foreach (var m in markets)
                answers[m.Id] = await feeds.AnswerAsync(m, ctx.Ct);
            var total = ctx.Get(steps);
            for (var step = 1; total is null || step <= total; step++)
            {
                if (step > 1)
                    await Task.Delay(wait, TimeProvider.System, ctx.Ct);
                foreach (var m in markets)
                {
                    answers[m.Id] = random.Next(answers[m.Id]);
                    await feeds.SetAsync(m, answers[m.Id], ctx.Ct);
                }
                ctx.Line($"step {step}: " + string.Join(", ", markets.Select(m => $"{m.Symbol} {FeedWriter.Usd(m, answers[m.Id])}")));
            }
            return 0;
        });
        return command;
    }

    private static async Task<int> ReplayAsync(WalletCommandContext ctx, FeedWriter feeds, FileInfo file, TimeSpan wait)
    {
        if (!file.Exists)
            throw new WalletException($"price file not found: {file.FullName}");
        var rows = PriceCsv.Parse(await File.ReadAllLinesAsync(file.FullName, ctx.Ct), ctx.Session.Registry);
        var groups = rows.GroupBy(r => r.Key).ToList(); // rows are in key order, so groups are too
        for (var g = 0; g < groups.Count; g++)
        {
            if (g > 0)
                await Task.Delay(wait, TimeProvider.System, ctx.Ct);
            foreach (var row in groups[g])
                await feeds.SetAsync(row.Market, row.Answer, ctx.Ct);
            ctx.Line($"{groups[g].Key}: " + string.Join(", ", groups[g].Select(r => $"{r.Market.Symbol} {FeedWriter.Usd(r.Market, r.Answer)}")));
        }
        ctx.Line($"replayed {rows.Count} price(s) in {groups.Count} step(s) from {file.Name}");
        return 0;
    }
}
