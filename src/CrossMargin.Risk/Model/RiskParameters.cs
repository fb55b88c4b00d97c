using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Model;

/// <summary>
/// Everything the margin maths reads from MarginAdmin storage: markets (ids 1..32), collaterals (indices 0..15),
/// the packed correlations (stored here as a dense symmetric int64 matrix, like the contract's int64 slots),
/// portfolio parameters, keeper share and QUOTE_SCALE. Mutated only by <see cref="Events.RiskEventApplier"/> (or tests and the
/// indexer's snapshot, which build it from stored rows).
/// </summary>
public sealed class RiskParameters
{
    private readonly long[] _rho = new long[(RiskConstants.MaxMarkets + 1) * (RiskConstants.MaxMarkets + 1)];

    /// <summary>Parameters before the engine's EngineCreated log (the event-fed mirror starts here).</summary>
    public RiskParameters()
    {
    }

    public RiskParameters(Address quote, byte quoteDecimals) => SetQuote(quote, quoteDecimals);

    public Address Quote { get; private set; }

    /// <summary>10^(18 − quote decimals): one quote unit in WAD USD (zero until the quote is known).</summary>
    public UInt256 QuoteScale { get; private set; }

    /// <summary>MarginAdmin's constructor: QUOTE and QUOTE_SCALE (from EngineCreated).</summary>
    public void SetQuote(Address quote, byte quoteDecimals)
    {
        Quote = quote;
        QuoteScale = Math.WadMath.Pow10(18 - quoteDecimals);
    }

    public MarketRisk?[] Markets { get; } = new MarketRisk?[RiskConstants.MaxMarkets + 1];

    public CollateralRisk?[] Collaterals { get; } = new CollateralRisk?[RiskConstants.MaxCollaterals];

    public Dictionary<Address, int> CollateralIndexByAsset { get; } = [];

    public UInt256 Alpha { get; set; } = new(250_000_000_000_000_000UL);

    public UInt256 KIm { get; set; } = new(1_500_000_000_000_000_000UL);

    public UInt256 KeeperShare { get; set; } = new(500_000_000_000_000_000UL);

    public MarketRisk Market(int marketId) =>
        Markets[marketId] ?? throw new InvalidOperationException($"market {marketId} is not listed");

    /// <summary>Decimals of a listed market's or collateral's feed, or null when no listing names it.</summary>
    public byte? FeedDecimals(Address aggregator)
    {
        foreach (var m in Markets)
        {
            if (m is { } market && market.Aggregator == aggregator)
                return market.FeedDecimals;
        }
        foreach (var c in Collaterals)
        {
            if (c is { } collateral && collateral.Aggregator == aggregator)
                return collateral.FeedDecimals;
        }
        return null;
    }

    public CollateralRisk Collateral(int index) =>
        Collaterals[index] ?? throw new InvalidOperationException($"collateral {index} is not listed");

    /// <summary>A deep copy (for a <see cref="Events.RiskJournal"/> undo record).</summary>
    public RiskParameters Clone()
    {
        var copy = new RiskParameters { Quote = Quote, QuoteScale = QuoteScale, Alpha = Alpha, KIm = KIm, KeeperShare = KeeperShare };
        Markets.CopyTo(copy.Markets, 0);
        Collaterals.CopyTo(copy.Collaterals, 0);
        foreach (var (asset, index) in CollateralIndexByAsset)
            copy.CollateralIndexByAsset[asset] = index;
        _rho.CopyTo(copy._rho, 0);
        return copy;
    }

    /// <summary>ρ_ij as the contract stores it: int64 WAD, 0 when never set.</summary>
    public long RhoRaw(int i, int j) => _rho[i * (RiskConstants.MaxMarkets + 1) + j];

    public Int256 Correlation(int i, int j) => i == j ? Math.WadMath.WadSigned : (Int256)RhoRaw(i, j);

    /// <summary>MarginAdmin.setCorrelation stores int64(rho): the same truncation here.</summary>
    public void SetCorrelation(int i, int j, Int256 rho)
    {
        var packed = (long)rho;
        _rho[i * (RiskConstants.MaxMarkets + 1) + j] = packed;
        _rho[j * (RiskConstants.MaxMarkets + 1) + i] = packed;
    }
}
