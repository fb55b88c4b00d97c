using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;
using CrossMargin.Risk.Margin;

namespace CrossMargin.Cli.Compare;

/// <summary>
/// The off-chain check: rebuilds the book from the chain's events alone (Risk ChainLoader) and recomputes every
/// account's health with the exact HealthCalculator; the contract's `health` must match to the wei.
/// </summary>
internal static class RiskCrossCheck
{
    /// <summary>Returns the number of accounts that matched; throws naming the first that did not.</summary>
    public static async Task<int> VerifyAsync(IJsonRpcClient rpc, Address engine, IReadOnlyList<OpenedAccount> accounts, CancellationToken ct)
    {
        var loader = new ChainLoader(rpc, MarginEngineContract.Abi, MockAggregatorContract.Abi);
        var mirror = await loader.LoadAsync(engine, await rpc.BlockNumberAsync(ct), ct);
        var book = mirror.Book;
        var prices = book.Prices();
        foreach (var a in accounts)
        {
            var offChain = HealthCalculator.Compute(book.Account(a.Id), book.Parameters, prices);
            if (offChain != a.Stress)
                throw new InvalidOperationException($"account {a.Id} ({a.Portfolio}, {a.Mode}): contract {a.Stress}, CrossMargin.Risk {offChain}");
        }
        return accounts.Count;
    }
}
