using System.Numerics;
using CrossMargin.Cli.Wallet;
using CrossMargin.Cli.Wallet.Prices;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Cli.Tests.Wallet;

/// <summary>price set / feed --walk / feed --csv move the devnet's MockAggregators, and a stale feed is named in errors.</summary>
public sealed class PriceCommandTests(WalletDevnet devnet) : IClassFixture<WalletDevnet>
{
    private const int Signer = 1;
    private readonly Chain _chain = new(devnet);

    private Address[] Feeds => [devnet.Devnet.EthFeed, devnet.Devnet.BtcFeed, devnet.Devnet.SolFeed];

    [Fact]
    public async Task Set_UpdatesTheFeed_AndTheEngineReadsIt()
    {
        var result = await Cli.OkAsync(devnet, Signer, "price", "set", "--market", "sol", "--price", "123.45678901");
        Assert.Contains("SOL / USD: ", result.Output, StringComparison.Ordinal);
        Assert.Contains(" -> 123.45678901 USD", result.Output, StringComparison.Ordinal);
        Assert.Equal((Int256)12_345_678_901L, await _chain.AnswerAsync(devnet.Devnet.SolFeed));
        Assert.Equal((UInt256)(BigInteger)123_456_789_010_000_000_000m, await _chain.MarketPriceAsync(3));
        Assert.Equal("error: bad --price '-5': must be a positive number without a sign\n", await Cli.FailAsync(devnet, Signer, "price", "set", "--market", "SOL", "--price", "-5"));
    }

    [Fact]
    public async Task Walk_MovesEveryFeedBySeededSteps_AndPrintsEachTick()
    {
        var before = new List<BigInteger>();
        foreach (var feed in Feeds)
            before.Add(await _chain.AnswerAsync(feed));
        var result = await Cli.OkAsync(devnet, Signer, "price", "feed", "--walk", "--steps", "3", "--seed", "7", "--vol", "0.05", "--interval", "0");

        // Same walk replayed: markets in id order (ETH, BTC, SOL) within each step.
        var walk = new PriceWalk(0.05, 7);
        var expected = before.ToArray();
        for (var step = 1; step <= 3; step++)
        {
            for (var m = 0; m < expected.Length; m++)
                expected[m] = walk.Next(expected[m]);
            Assert.Contains($"step {step}: ETH {Units.Format(expected[0], 8)} USD, BTC {Units.Format(expected[1], 8)} USD, SOL {Units.Format(expected[2], 8)} USD", result.Output, StringComparison.Ordinal);
        }
        for (var m = 0; m < expected.Length; m++)
        {
            Assert.NotEqual(before[m], expected[m]);
            Assert.Equal(expected[m], (BigInteger)await _chain.AnswerAsync(Feeds[m]));
        }
    }

    [Fact]
    public async Task Csv_ReplaysRowsInOrder_AndRejectsAFileWithBadRowsByLineNumber()
    {
        var good = Path.Combine(devnet.WorkDirectory, "good.csv");
        await File.WriteAllLinesAsync(good, ["timestamp_or_step,market,price", "1,ETH,1900", "1,BTC,61000.5", "", "# a comment", "2,ETH,1950.25"]);
        var head = await devnet.Rpc.BlockNumberAsync(default);
        var result = await Cli.OkAsync(devnet, Signer, "price", "feed", "--csv", good);
        Assert.Contains("1: ETH 1,900 USD, BTC 61,000.5 USD\n2: ETH 1,950.25 USD\nreplayed 3 price(s) in 2 step(s) from good.csv", result.Output, StringComparison.Ordinal);
        Assert.Equal((Int256)195_025_000_000L, await _chain.AnswerAsync(devnet.Devnet.EthFeed));
        Assert.Equal((Int256)6_100_050_000_000L, await _chain.AnswerAsync(devnet.Devnet.BtcFeed));
        // Every row was an update of its own: 3 AnswerUpdated logs on the two feeds.
        var logs = await devnet.Rpc.GetLogsAsync(new LogFilter
        {
            Addresses = [devnet.Devnet.EthFeed, devnet.Devnet.BtcFeed],
            Topics = [[MockAggregatorContract.AnswerUpdatedEvent.Topic0]],
        }.WithRange(head + 1, await devnet.Rpc.BlockNumberAsync(default)), default);
        Assert.Equal(3, logs.Count);

        var bad = Path.Combine(devnet.WorkDirectory, "bad.csv");
        await File.WriteAllLinesAsync(bad, ["x,ETH,1000", "1,ETH,1000", "2,ETH,abc", "3,DOGE,1", "4,SOL", "0,BTC,5", "6,BTC,1.000000001"]);
        var error = await Cli.FailAsync(devnet, Signer, "price", "feed", "--csv", bad);
        Assert.Equal(
            "error: 6 bad row(s) in the price file, nothing was sent:\n"
            + "  line 1: bad step or timestamp 'x': expected a non-negative integer\n"
            + "  line 3: bad price 'abc': expected a decimal number such as 1.5\n"
            + "  line 4: unknown market 'DOGE' (known: ETH, BTC, SOL)\n"
            + "  line 5: expected 3 fields timestamp_or_step,market,price but found 2\n"
            + "  line 6: 0 is before the previous row's 1 (rows must be in order)\n"
            + "  line 7: bad price '1.000000001': at most 8 decimal places are allowed\n",
            error);
        Assert.Equal((Int256)195_025_000_000L, await _chain.AnswerAsync(devnet.Devnet.EthFeed)); // line 2 was not sent either
    }

    [Fact]
    public async Task StalePrice_IsNamedWithItsFeed_AndClearsOncePriceIsSet()
    {
        const int signer = 2;
        await Cli.OkAsync(devnet, signer, "account", "open", "--mode", "cross");
        await Cli.OkAsync(devnet, signer, "faucet", "--asset", "USDC", "--amount", "1000");
        await Cli.OkAsync(devnet, signer, "deposit", "--asset", "USDC", "--amount", "1000");
        // With a position: an account without one never reads an oracle, so it cannot see a stale feed.
        await Cli.OkAsync(devnet, signer, "trade", "--market", "ETH", "--size", "0.1");
        var block = await devnet.Rpc.GetBlockByNumberAsync(BlockParameter.Latest, default);
        var updatedAt = block!.Timestamp - 100_000; // heartbeat is 86,400 s
        await devnet.Devnet.SendAsync(devnet.Devnet.EthFeed, MockAggregatorContract.SetRoundDataFunction.Encode((Int256)200_000_000_000L, updatedAt), default);

        var error = await Cli.FailAsync(devnet, signer, "trade", "--market", "ETH", "--size", "0.1");
        Assert.StartsWith($"error: stale price: the ETH / USD feed ({devnet.Devnet.EthFeed}) was last updated at {DateTimeOffset.FromUnixTimeSeconds((long)updatedAt):yyyy-MM-dd HH:mm:ss} UTC", error, StringComparison.Ordinal);
        var show = await Cli.OkAsync(devnet, signer, "account", "show");
        Assert.Contains("warning: stale price: the ETH / USD feed", show.Output, StringComparison.Ordinal);

        await Cli.OkAsync(devnet, signer, "price", "set", "--market", "ETH", "--price", "2000");
        await Cli.OkAsync(devnet, signer, "trade", "--market", "ETH", "--size", "0.1");
    }
}
