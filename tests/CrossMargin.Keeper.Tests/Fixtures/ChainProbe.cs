using System.Numerics;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Events;

namespace CrossMargin.Keeper.Tests.Fixtures;

/// <summary>What the tests ask the chain directly (never through the keeper): health of accounts at a block, a fresh mirror.</summary>
internal static class ChainProbe
{
    public static async Task<Dictionary<ulong, MarginEngineContract.Health>> HealthAsync(IJsonRpcClient rpc, Address engine, IReadOnlyList<ulong> ids, BlockParameter block, CancellationToken ct)
    {
        var result = new Dictionary<ulong, MarginEngineContract.Health>();
        foreach (var chunk in ids.Chunk(250))
        {
            var data = MarginEngineContract.HealthBatchFunction.Encode(chunk.Select(i => (UInt256)i).ToList());
            var raw = await rpc.CallAsync(new CallRequest { To = engine, Data = data, Gas = 900_000_000 }, block, ct);
            var hs = MarginEngineContract.HealthBatchFunction.DecodeResult(raw);
            for (var i = 0; i < chunk.Length; i++)
                result[chunk[i]] = hs[i];
        }
        return result;
    }

    public static bool Liquidatable(MarginEngineContract.Health h) => (BigInteger)h.NlvMaint < (BigInteger)h.Mm;

    public static async Task<ChainMirror> MirrorAsync(IJsonRpcClient rpc, Address engine, CancellationToken ct)
    {
        var loader = new ChainLoader(rpc, MarginEngineContract.Abi, MockAggregatorContract.Abi);
        return await loader.LoadAsync(engine, await rpc.BlockNumberAsync(ct), ct);
    }

    /// <summary>Sets a feed's answer (8 decimals) and returns the block it was mined in.</summary>
    public static async Task<ulong> SetPriceAsync(DevnetOwner devnet, Address feed, double usd, CancellationToken ct)
    {
        var receipt = await devnet.SendAsync(feed, MockAggregatorContract.SetPriceFunction.Encode((Int256)new BigInteger(usd * 1e8)), ct);
        return receipt.BlockNumber;
    }
}
