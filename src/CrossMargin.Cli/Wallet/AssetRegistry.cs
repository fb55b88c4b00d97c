using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;

namespace CrossMargin.Cli.Wallet;

/// <summary>
/// Symbols for what the engine lists, read from the chain: tokens by ERC-20 symbol(), markets by the base of their
/// feed's description(). Users type `--asset WETH`, `--market ETH`; lookups are case-insensitive and a miss lists
/// the known names.
/// </summary>
internal sealed class AssetRegistry(IReadOnlyList<Asset> assets, IReadOnlyList<Market> markets)
{
    public IReadOnlyList<Asset> Assets => assets;

    public IReadOnlyList<Market> Markets => markets;

    public Asset Quote => assets.First(a => a.IsQuote);

    public static async Task<AssetRegistry> LoadAsync(IJsonRpcClient rpc, RiskParameters parameters, CancellationToken ct)
    {
        var assets = new List<Asset>
        {
            new(await SymbolAsync(rpc, parameters.Quote, ct), parameters.Quote, await DecimalsAsync(rpc, parameters.Quote, ct), null),
        };
        foreach (var c in parameters.Collaterals)
        {
            if (c is { } col)
                assets.Add(new Asset(await SymbolAsync(rpc, col.Asset, ct), col.Asset, col.TokenDecimals, col.Index));
        }
        var markets = new List<Market>();
        for (var id = 1; id < parameters.Markets.Length; id++)
        {
            if (parameters.Markets[id] is not { } m)
                continue;
            var description = MockAggregatorContract.DescriptionFunction.DecodeResult(await CallAsync(rpc, m.Aggregator, MockAggregatorContract.DescriptionFunction.Encode(), ct));
            markets.Add(new Market(id, BaseSymbol(description), description, m.Aggregator, m.FeedDecimals));
        }
        return new AssetRegistry(assets, markets);
    }

    /// <summary>"ETH / USD" → "ETH"; a description without " / " is used whole.</summary>
    public static string BaseSymbol(string description)
    {
        var slash = description.IndexOf('/', StringComparison.Ordinal);
        return (slash < 0 ? description : description[..slash]).Trim();
    }

    public Asset Asset(string symbol) =>
        assets.FirstOrDefault(a => string.Equals(a.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
        ?? throw new WalletException($"unknown asset '{symbol}' (known: {string.Join(", ", assets.Select(a => a.Symbol))})");

    public Asset AssetAt(Address address) => assets.First(a => a.Address == address);

    public Market Market(string symbol) =>
        markets.FirstOrDefault(m => string.Equals(m.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
        ?? throw new WalletException($"unknown market '{symbol}' (known: {string.Join(", ", markets.Select(m => m.Symbol))})");

    public Market MarketAt(int id) => markets.First(m => m.Id == id);

    /// <summary>The market whose feed is <paramref name="feed"/> (for naming a stale or invalid feed in errors).</summary>
    public string FeedName(Address feed) =>
        markets.FirstOrDefault(m => m.Feed == feed)?.Description ?? feed.ToString();

    private static async Task<string> SymbolAsync(IJsonRpcClient rpc, Address token, CancellationToken ct) =>
        MockERC20Contract.SymbolFunction.DecodeResult(await CallAsync(rpc, token, MockERC20Contract.SymbolFunction.Encode(), ct));

    private static async Task<int> DecimalsAsync(IJsonRpcClient rpc, Address token, CancellationToken ct) =>
        MockERC20Contract.DecimalsFunction.DecodeResult(await CallAsync(rpc, token, MockERC20Contract.DecimalsFunction.Encode(), ct));

    private static Task<byte[]> CallAsync(IJsonRpcClient rpc, Address to, byte[] data, CancellationToken ct) =>
        rpc.CallAsync(new CallRequest { To = to, Data = data }, BlockParameter.Latest, ct);
}
