using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Risk.Analytics;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Liquidation;
using CrossMargin.Risk.Margin;
using CrossMargin.Risk.Math;
using CrossMargin.Risk.Model;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace CrossMargin.Cli.Wallet;

/// <summary>
/// `account show`'s tables, all computed by CrossMargin.Risk on the event mirror (the same integers as the contract):
/// balances with their USD value, positions with entry, mark, uPnL and liquidation price, and the margin summary.
/// </summary>
internal sealed class AccountReport(RiskBook book, AssetRegistry registry, ulong accountId)
{
    private readonly AccountState _account = book.Account(accountId);
    private readonly PriceSet _prices = book.Prices();

    public Health Health => HealthCalculator.Compute(_account, book.Parameters, _prices);

    public Table Balances()
    {
        var table = new Table().AddColumns("asset", "balance", "price", "value");
        var quote = registry.Quote;
        table.AddRow(quote.Symbol, Units.Format(_account.QuoteBalance, quote.Decimals), "1 USD", Units.Usd((BigInteger)_account.QuoteBalance * book.Parameters.QuoteScale));
        foreach (var asset in registry.Assets.Where(a => !a.IsQuote))
        {
            var c = asset.CollateralIndex!.Value;
            var balance = _account.Balances[c];
            if (balance.IsZero)
                continue;
            var price = _prices.Collateral[c];
            // Rounds down, as the contract values collateral.
            var value = WadMath.MulDivDown(balance, price, WadMath.Pow10(asset.Decimals));
            table.AddRow(asset.Symbol, Units.Format(balance, asset.Decimals), Units.Usd(price), Units.Usd(value));
        }
        return table;
    }

    public Table? Positions()
    {
        if (_account.MarketMask == 0)
            return null;
        var table = new Table().AddColumns("market", "size", "entry", "mark", "uPnL", "liquidation price");
        foreach (var market in registry.Markets)
        {
            var position = _account.Positions[market.Id];
            if (position.Size.IsZero)
                continue;
            var mark = _prices.OfMarket(market.Id);
            // Display only: average entry = |open notional| / |size|.
            var entry = WadMath.MulDivDown(position.OpenNotional.UnsignedAbs, WadMath.Wad, position.Size.UnsignedAbs);
            var exposure = WadMath.MulDivFloor(position.Size, mark, WadMath.Wad);
            var liquidation = LiquidationPrice.Find(_account, book.Parameters, _prices, market.Id);
            table.AddRow(
                market.Symbol,
                Units.Format(position.Size, 18),
                Units.Usd(entry),
                Units.Usd(mark),
                Units.Usd((BigInteger)exposure - position.OpenNotional),
                // Exact on the feed's answer grid (the only prices the contract can see), so it can be typed back into `price set`.
                liquidation is { } p ? Units.Format(p, 18, market.FeedDecimals) + " USD" : "none");
        }
        return table;
    }

    /// <summary>The engine's verdict and health after trading <paramref name="size"/> of <paramref name="market"/>, replayed off-chain.</summary>
    public IRenderable WhatIf(Market market, Int256 size)
    {
        var quote = registry.Quote;
        var title = $"what-if {market.Symbol} {(size.IsNegative ? "" : "+")}{Units.Format(size, 18)}";
        var outcome = Risk.Analytics.WhatIf.Trade(_account, book.Parameters, _prices, market.Id, size, book.NetSize[market.Id]);
        if (outcome.After is not { } after)
            return new Text($"{title}: the engine would refuse it: {Refusal(outcome.Verdict)}");
        var verdict = outcome.Accepted
            ? "the engine would accept it"
            : $"the engine would refuse it: insufficient margin (needs {Units.Usd(after.Im)}, has {Units.Usd(after.NlvInit)})";
        var rows = new Rows(
            new Text($"{title}: fee {Units.Format(outcome.Fee, quote.Decimals)} {quote.Symbol}, realised PnL {Units.Format(outcome.RealizedPnl, quote.Decimals)} {quote.Symbol}; {verdict}"),
            HealthView.Render(after));
        return rows;
    }

    private static string Refusal(TradeVerdict verdict) => verdict switch
    {
        TradeVerdict.OpenInterestCapExceeded => "the market's open-interest cap would be exceeded",
        TradeVerdict.IsolatedMarketTaken => "the account is ISOLATED and already trades another market",
        TradeVerdict.TooManyPositions => "the account holds the maximum number of positions",
        _ => verdict.ToString(),
    };
}
