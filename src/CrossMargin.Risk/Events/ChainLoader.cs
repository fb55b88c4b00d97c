using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Risk.Events;

/// <summary>
/// Builds a <see cref="RiskBook"/> from the chain: the engine's logs (eth_getLogs, in block ranges), then the logs of
/// every aggregator the listings name, merged in chain order. Only QUOTE, its decimals and each token's and feed's
/// decimals() are read by eth_call: the contract reads them at construction/listing and no event carries them.
/// </summary>
public sealed class ChainLoader(IJsonRpcClient rpc, ContractAbi engineAbi, ContractAbi aggregatorAbi, ContractAbi erc20Abi)
{
    public const ulong RangeSize = 50_000;

    public async Task<ChainMirror> LoadAsync(Address engine, ulong toBlock, CancellationToken ct)
    {
        var quote = (Address)(await CallAsync(engineAbi.GetFunction("QUOTE"), engine, ct))[0];
        var book = new RiskBook(quote, await DecimalsAsync(quote, ct));
        var engineLogs = await LogsAsync([engine], toBlock, ct);
        // Feeds and tokens named by listings: their decimals are needed before the listing is applied.
        var decimals = new Dictionary<Address, byte>();
        var probe = new RiskEventApplier(new RiskBook(quote, 6), engineAbi, aggregatorAbi, a => decimals.TryGetValue(a, out var d) ? d : (byte)0);
        var feeds = new HashSet<Address>();
        foreach (var log in engineLogs)
        {
            var topics = log.Topics.Select(t => t.ToArray()).ToArray();
            if (!engineAbi.TryDecodeLog(topics, log.Data, out var e))
                continue;
            if (e.Event.Name is "MarketListed" or "MarketUpdated" or "CollateralListed" or "CollateralParamsUpdated")
            {
                var feed = (Address)((object[])e["params"])[0];
                feeds.Add(feed);
                decimals[feed] = 0;
                if (e.Event.Name.StartsWith("Collateral", StringComparison.Ordinal))
                    decimals[(Address)e["asset"]] = 0;
            }
        }
        foreach (var address in decimals.Keys.ToArray())
            decimals[address] = await DecimalsAsync(address, ct);
        var applier = new RiskEventApplier(book, engineAbi, aggregatorAbi, a => decimals[a]);
        var feedLogs = await LogsAsync(feeds.ToArray(), toBlock, ct);
        foreach (var log in engineLogs.Concat(feedLogs).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
            applier.Apply(log);
        var addresses = new List<Address> { engine };
        addresses.AddRange(feeds);
        return new ChainMirror(applier, addresses, toBlock);
    }

    /// <summary>Applies the engine's and feeds' logs after the mirror's last block up to <paramref name="toBlock"/>.
    /// (A listing of a new feed during catch-up is not followed: reload in that case.)</summary>
    public async Task<ChainMirror> CatchUpAsync(ChainMirror mirror, ulong toBlock, CancellationToken ct)
    {
        if (toBlock <= mirror.LastBlock)
            return mirror;
        var filter = new LogFilter { Addresses = mirror.Addresses }.WithRange(mirror.LastBlock + 1, toBlock);
        foreach (var log in (await rpc.GetLogsAsync(filter, ct)).OrderBy(l => l.BlockNumber).ThenBy(l => l.LogIndex))
            mirror.Applier.Apply(log);
        return mirror with { LastBlock = toBlock };
    }

    private async Task<List<LogEntry>> LogsAsync(IReadOnlyList<Address> addresses, ulong toBlock, CancellationToken ct)
    {
        var all = new List<LogEntry>();
        for (ulong from = 0; from <= toBlock; from += RangeSize)
        {
            var filter = new LogFilter { Addresses = addresses }.WithRange(from, System.Math.Min(toBlock, from + RangeSize - 1));
            all.AddRange(await rpc.GetLogsAsync(filter, ct));
        }
        return all;
    }

    private async Task<byte> DecimalsAsync(Address token, CancellationToken ct) =>
        (byte)(BigInteger)(await CallAsync(erc20Abi.GetFunction("decimals"), token, ct))[0];

    private async Task<object[]> CallAsync(FunctionDescriptor f, Address to, CancellationToken ct) =>
        f.DecodeOutput(await rpc.CallAsync(new CallRequest { To = to, Data = f.EncodeCall() }, BlockParameter.Latest, ct));
}
