using System.Globalization;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Sending;
using E = CrossMargin.Contracts.MarginEngineContract;
using T = CrossMargin.Contracts.MockERC20Contract;

namespace CrossMargin.Cli.Wallet;

/// <summary>
/// A decoded contract revert as a sentence that names the problem and carries its numbers in human units
/// (USD for margin, the token's own units for balances), so the user can act on it without reading the ABI.
/// </summary>
internal static class RevertMessages
{
    public static string Describe(ContractRevertException e, AssetRegistry registry)
    {
        // The engine bubbles token errors up from transferFrom: decode those with the token's ABI.
        var error = e.ErrorName is null ? T.Binding.DecodeError(e.RevertData) : e.Error;
        return error switch
        {
            E.InsufficientMarginError m => InsufficientMargin(m),
            E.StalePriceError s => $"stale price: the {registry.FeedName(s.Feed)} feed ({s.Feed}) was last updated at {Time(s.UpdatedAt)}, "
                + $"longer ago than its heartbeat allows; nothing that reads it can go through until it is updated (devnet: crossmargin price set --market {MarketHint(registry, s.Feed)} --price P)",
            E.InvalidPriceError p => $"invalid price: the {registry.FeedName(p.Feed)} feed ({p.Feed}) answers {p.Answer} (must be positive)",
            E.UnauthorizedError u => $"not owner: {u.Caller} is neither the owner of account {u.AccountId} nor an approved operator",
            E.UnknownAccountError u => $"account {u.AccountId} does not exist",
            E.InsufficientBalanceError b => $"insufficient {registry.AssetAt(b.Asset).Symbol} in the account: balance {Token(registry, b.Asset, b.Balance)}, requested {Token(registry, b.Asset, b.Amount)}",
            E.UnknownAssetError a => $"asset {a.Asset} is not listed by the engine",
            E.UnknownMarketError m => $"market {m.MarketId} is not listed",
            E.ZeroAmountError => "the amount must not be zero",
            E.InvalidModeError m => $"invalid account mode {m.Mode} (isolated, cross or portfolio)",
            E.DepositCapExceededError c => $"deposit cap of {registry.AssetAt(c.Asset).Symbol} reached: total would be {Token(registry, c.Asset, c.Total)}, cap {Token(registry, c.Asset, c.Cap)}",
            E.PriceLimitExceededError p => $"price limit exceeded: oracle price {Units.Usd(p.Price)}, limit {Units.Usd(p.Limit)}",
            E.IsolatedMarketTakenError i => $"account {i.AccountId} is ISOLATED and already trades {registry.MarketAt((int)(ulong)i.OpenMarketId).Symbol}: open another account for a second market",
            E.TooManyPositionsError t => $"account {t.AccountId} holds the maximum number of positions",
            E.OpenInterestCapExceededError o => $"open interest cap of {registry.MarketAt((int)(ulong)o.MarketId).Symbol} exceeded: would be {Units.Format(o.OpenInterest, 18)}, cap {Units.Format(o.Cap, 18)}",
            E.InsufficientLiquidityError l => $"the engine holds too little quote to pay out: available {Token(registry, registry.Quote.Address, l.Available)}, requested {Token(registry, registry.Quote.Address, l.Requested)}",
            T.ERC20InsufficientBalanceError b => $"insufficient token balance in wallet {b.Sender}: have {b.Balance}, need {b.Needed} (token units)",
            T.ERC20InsufficientAllowanceError a => $"allowance too low for {a.Spender}: {a.Allowance}, need {a.Needed} (token units)",
            _ => e.Message,
        };
    }

    private static string InsufficientMargin(E.InsufficientMarginError m)
    {
        // Requirement rounded up, NLV down: the shortfall shown is the difference of the numbers shown, and enough to cover.
        var need = Units.Cents(m.Im, up: true);
        var have = Units.Cents(m.NlvInit, up: false);
        return $"insufficient margin: account {m.AccountId} would need {Units.UsdCents(need)} of initial margin (IM) but would have only "
            + $"{Units.UsdCents(have)} of NLV at initial haircuts (short by {Units.UsdCents(need - have)})";
    }

    private static string Token(AssetRegistry registry, Address asset, UInt256 units)
    {
        var a = registry.AssetAt(asset);
        return $"{Units.Format(units, a.Decimals)} {a.Symbol}";
    }

    private static string MarketHint(AssetRegistry registry, Address feed) =>
        registry.Markets.FirstOrDefault(m => m.Feed == feed)?.Symbol ?? "M";

    private static string Time(UInt256 unixSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)(ulong)unixSeconds).UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
