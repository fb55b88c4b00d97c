using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Risk.Model;
using CrossMargin.Risk.Tests.Fixtures;

namespace CrossMargin.Risk.Tests.Chain;

/// <summary>Reads healthBatch by eth_call in chunks, sent as one JSON-RPC batch per call of <see cref="ReadAsync"/>.</summary>
internal static class ChainHealth
{
    public const int Chunk = 1_000;

    public static async Task<Health[]> ReadAsync(IJsonRpcClient rpc, Address engine, IReadOnlyList<ulong> ids, CancellationToken ct)
    {
        var f = Artifacts.Engine.GetFunction("healthBatch");
        var requests = new List<RpcRequest<byte[]>>();
        for (var i = 0; i < ids.Count; i += Chunk)
        {
            var chunk = ids.Skip(i).Take(Chunk).Select(id => (object)new BigInteger(id)).ToArray();
            requests.Add(EthRequests.Call(new CallRequest { To = engine, Data = f.EncodeCall([chunk]), Gas = 900_000_000 }, BlockParameter.Latest));
        }
        var results = await rpc.SendBatchAsync(requests, ct);
        var all = new List<Health>(ids.Count);
        foreach (var raw in results)
        {
            foreach (object[] h in (object[])f.DecodeOutput(raw)[0])
                all.Add(new Health((Int256)(BigInteger)h[0], (Int256)(BigInteger)h[1], (UInt256)(BigInteger)h[2], (UInt256)(BigInteger)h[3]));
        }
        return all.ToArray();
    }
}
