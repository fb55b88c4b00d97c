using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Sending;
using static CrossMargin.Contracts.MockAggregatorContract;

namespace CrossMargin.Cli.Wallet.Prices;

/// <summary>Reads and sets devnet feed answers (MockAggregator.latestAnswer / setPrice) in the feed's raw units.</summary>
internal sealed class FeedWriter(WalletSession session)
{
    public async Task<BigInteger> AnswerAsync(Market market, CancellationToken ct) =>
        await new ContractClient(Binding, market.Feed, session.Rpc).CallAsync(LatestAnswerFunction.Encode(), LatestAnswerFunction.DecodeResult, ct);

    public async Task SetAsync(Market market, BigInteger answer, CancellationToken ct)
    {
        var feed = await session.SigningClientAsync(Binding, market.Feed, ct);
        await feed.SendAsync(SetPriceFunction.Encode((Int256)answer), ct);
    }

    /// <summary>A raw answer as USD text (exact: the feed's decimals).</summary>
    public static string Usd(Market market, BigInteger answer) => Units.Format(answer, market.FeedDecimals) + " USD";
}
