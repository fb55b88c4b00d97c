using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Model;

namespace CrossMargin.Risk.Events;

/// <summary>
/// The off-chain mirror of the engine's risk state, built from events only (see <see cref="RiskEventApplier"/>):
/// parameters, accounts, the latest raw answer of every feed, and each market's net size (for the open-interest cap).
/// </summary>
public sealed class RiskBook
{
    /// <summary>An empty mirror: the engine's EngineCreated log sets the quote (the event-fed path).</summary>
    public RiskBook() => Parameters = new RiskParameters();

    public RiskBook(Address quote, byte quoteDecimals) => Parameters = new RiskParameters(quote, quoteDecimals);

    /// <summary>Replaced only by a <see cref="RiskJournal"/> rollback.</summary>
    public RiskParameters Parameters { get; internal set; }

    public Dictionary<ulong, AccountState> Accounts { get; } = [];

    /// <summary>Latest AnswerUpdated.current per aggregator (raw, feed decimals).</summary>
    public Dictionary<Address, BigInteger> Answers { get; } = [];

    /// <summary>Σ sizes per market id (MarginEngine Market.netSize), from PositionUpdated deltas.</summary>
    public Int256[] NetSize { get; } = new Int256[RiskConstants.MaxMarkets + 1];

    public AccountState Account(ulong id) =>
        Accounts.TryGetValue(id, out var a) ? a : throw new KeyNotFoundException($"unknown account {id}");

    /// <summary>OracleLib.price for every listed market and collateral whose feed has answered.</summary>
    public PriceSet Prices()
    {
        var px = new PriceSet();
        for (var i = 1; i <= RiskConstants.MaxMarkets; i++)
        {
            if (Parameters.Markets[i] is { } m && Answers.TryGetValue(m.Aggregator, out var answer))
                px.Market[i] = OraclePrice.Normalise(answer, m.FeedDecimals);
        }
        for (var c = 0; c < RiskConstants.MaxCollaterals; c++)
        {
            if (Parameters.Collaterals[c] is { } col && Answers.TryGetValue(col.Aggregator, out var answer))
                px.Collateral[c] = OraclePrice.Normalise(answer, col.FeedDecimals);
        }
        return px;
    }
}
