using System.Data.Common;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Indexer.Api.Models;
using CrossMargin.Indexer.Storage;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Model;
using Dapper;

namespace CrossMargin.Indexer.Api;

/// <summary>
/// The risk engine's parameters and prices as indexed at one checkpoint (rebuilt when the checkpoint moves), so
/// account health is the engine's exact integer result at the latest indexed prices.
/// </summary>
internal sealed class RiskSnapshot
{
    private const string SelectQuote =
        "SELECT m.value AS Quote, a.decimals AS Decimals FROM meta m JOIN assets a ON a.address = m.value WHERE m.key = 'quote'";
    private const string SelectDecimals = "SELECT address AS Address, decimals AS Decimals FROM assets";
    private const string SelectMarkets =
        "SELECT market AS Market, aggregator AS Aggregator, CAST(imf AS TEXT) AS Imf, CAST(mmf AS TEXT) AS Mmf, CAST(sigma AS TEXT) AS Sigma, " +
        "CAST(liquidation_fee AS TEXT) AS LiquidationFee, CAST(taker_fee AS TEXT) AS TakerFee, CAST(max_open_interest AS TEXT) AS MaxOpenInterest FROM markets";
    private const string SelectCollaterals =
        "SELECT asset AS Asset, idx AS Idx, aggregator AS Aggregator, CAST(hm AS TEXT) AS Hm, CAST(hi AS TEXT) AS Hi, CAST(bonus AS TEXT) AS Bonus, linked_market AS LinkedMarket FROM collaterals";
    private const string SelectCorrelations = "SELECT i AS I, j AS J, CAST(rho AS TEXT) AS Rho FROM correlations";
    private const string SelectGlobals = "SELECT name AS Name, value AS Value FROM globals";
    private const string SelectPrices = "SELECT feed AS Feed, CAST(answer AS TEXT) AS Answer FROM prices";

    private RiskSnapshot(Checkpoint checkpoint, RiskParameters parameters, PriceSet prices)
    {
        Checkpoint = checkpoint;
        Parameters = parameters;
        Prices = prices;
    }

    public Checkpoint Checkpoint { get; }

    public RiskParameters Parameters { get; }

    public PriceSet Prices { get; }

    public static async Task<RiskSnapshot?> LoadAsync(DbConnection connection, Checkpoint checkpoint)
    {
        var quote = await connection.QuerySingleOrDefaultAsync<(string Quote, long Decimals)>(SelectQuote).ConfigureAwait(false);
        if (quote.Quote is null)
            return null;
        var decimals = (await connection.QueryAsync<(string Address, long Decimals)>(SelectDecimals).ConfigureAwait(false))
            .ToDictionary(r => r.Address, r => (byte)r.Decimals);
        var p = new RiskParameters(Address.Parse(quote.Quote), (byte)quote.Decimals);
        var answers = (await connection.QueryAsync<(string Feed, string Answer)>(SelectPrices).ConfigureAwait(false))
            .ToDictionary(r => r.Feed, r => Int256.Parse(r.Answer));
        var px = new PriceSet();
        foreach (var m in await connection.QueryAsync<(long Market, string Aggregator, string Imf, string Mmf, string Sigma, string LiquidationFee, string TakerFee, string MaxOpenInterest)>(SelectMarkets).ConfigureAwait(false))
        {
            var feedDecimals = decimals.GetValueOrDefault(m.Aggregator);
            p.Markets[m.Market] = new MarketRisk(Address.Parse(m.Aggregator), feedDecimals, U(m.Imf), U(m.Mmf), U(m.Sigma), U(m.LiquidationFee), U(m.TakerFee), U(m.MaxOpenInterest));
            if (answers.TryGetValue(m.Aggregator, out var answer))
                px.Market[m.Market] = OraclePrice.Normalise(answer, feedDecimals);
        }
        foreach (var c in await connection.QueryAsync<(string Asset, long Idx, string Aggregator, string Hm, string Hi, string Bonus, long LinkedMarket)>(SelectCollaterals).ConfigureAwait(false))
        {
            var asset = Address.Parse(c.Asset);
            var feedDecimals = decimals.GetValueOrDefault(c.Aggregator);
            p.CollateralIndexByAsset[asset] = (int)c.Idx;
            p.Collaterals[c.Idx] = new CollateralRisk(asset, (int)c.Idx, Address.Parse(c.Aggregator), feedDecimals, decimals.GetValueOrDefault(c.Asset), U(c.Hm), U(c.Hi), U(c.Bonus), (int)c.LinkedMarket);
            if (answers.TryGetValue(c.Aggregator, out var answer))
                px.Collateral[c.Idx] = OraclePrice.Normalise(answer, feedDecimals);
        }
        foreach (var r in await connection.QueryAsync<(long I, long J, string Rho)>(SelectCorrelations).ConfigureAwait(false))
            p.SetCorrelation((int)r.I, (int)r.J, Int256.Parse(r.Rho));
        foreach (var g in await connection.QueryAsync<(string Name, string Value)>(SelectGlobals).ConfigureAwait(false))
        {
            switch (g.Name)
            {
                case "alpha": p.Alpha = U(g.Value); break;
                case "k_im": p.KIm = U(g.Value); break;
                case "keeper_share": p.KeeperShare = U(g.Value); break;
            }
        }
        return new RiskSnapshot(checkpoint, p, px);
    }

    /// <summary>The engine's health of one account, or null when a price it needs has not been indexed yet.</summary>
    public AccountHealth? Health(long id, int mode, IEnumerable<(string Asset, string Balance)> balances, IEnumerable<(long Market, string Size, string OpenNotional)> positions)
    {
        var a = new AccountState((ulong)id, (MarginMode)mode);
        foreach (var (asset, balance) in balances)
        {
            var address = Address.Parse(asset);
            if (address == Parameters.Quote)
                a.QuoteBalance = Int256.Parse(balance);
            else if (Parameters.CollateralIndexByAsset.TryGetValue(address, out var index))
                a.SetBalance(index, (UInt256)Int256.Parse(balance));
        }
        foreach (var (market, size, openNotional) in positions)
            a.SetPosition((int)market, new PositionState(Int256.Parse(size), Int256.Parse(openNotional)));
        try
        {
            var h = HealthCalculator.Compute(a, Parameters, Prices);
            return new AccountHealth(h.NlvMaint.ToString(), h.NlvInit.ToString(), h.Mm.ToString(), h.Im.ToString(), h.IsLiquidatable);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static UInt256 U(string s) => UInt256.Parse(s);
}
