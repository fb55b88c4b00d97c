using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Keeper.Book;

/// <summary>
/// decimals() of every feed and token the listings name: no event carries them, so they are read by eth_call once,
/// before the listing log that needs them is applied (<see cref="EnsureAsync"/> runs ahead of each batch).
/// </summary>
internal sealed class DecimalsCache(IJsonRpcClient rpc)
{
    private static readonly HashSet<Hash32> ListingTopics =
    [
        .. new[] { "MarketListed", "MarketUpdated", "CollateralListed", "CollateralParamsUpdated" }
            .Select(n => new Hash32(MarginEngineContract.Abi.GetEvent(n).Topic0)),
    ];

    private readonly Dictionary<Address, byte> _known = [];

    public IReadOnlyDictionary<Address, byte> Known => _known;

    public byte Get(Address address) =>
        _known.TryGetValue(address, out var d) ? d : throw new InvalidOperationException($"decimals of {address} not loaded");

    public void Set(Address address, byte decimals) => _known[address] = decimals;

    /// <summary>Reads decimals() for every feed/token named by a listing log in <paramref name="logs"/> that is not known yet.</summary>
    public async Task EnsureAsync(IEnumerable<LogEntry> logs, CancellationToken ct)
    {
        foreach (var log in logs)
        {
            if (log.Topics.Count == 0 || !ListingTopics.Contains(log.Topics[0]))
                continue;
            if (!MarginEngineContract.Abi.TryDecodeLog(log.Topics.Select(t => t.ToArray()).ToArray(), log.Data, out var e))
                continue;
            await FetchAsync((Address)((object[])e["params"])[0], ct);
            if (e.Event.Name.StartsWith("Collateral", StringComparison.Ordinal))
                await FetchAsync((Address)e["asset"], ct);
        }
    }

    public async Task FetchAsync(Address address, CancellationToken ct)
    {
        if (_known.ContainsKey(address))
            return;
        var f = MockERC20Contract.Abi.GetFunction("decimals");
        var result = await rpc.CallAsync(new CallRequest { To = address, Data = f.EncodeCall() }, BlockParameter.Latest, ct);
        _known[address] = (byte)(BigInteger)f.DecodeOutput(result)[0];
    }
}
