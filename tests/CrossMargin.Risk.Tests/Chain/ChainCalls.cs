using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Risk.Tests.Chain;

/// <summary>Many eth_calls in one JSON-RPC batch; each answers with its revert reason (decoded by the engine ABI) or null on success.</summary>
internal static class ChainCalls
{
    public static async Task<string?[]> RevertsAsync(IJsonRpcClient rpc, IReadOnlyList<CallRequest> calls, CancellationToken ct)
    {
        var batch = new RpcBatch();
        var tasks = calls.Select(c => batch.Add(EthRequests.Call(c, BlockParameter.Latest))).ToArray();
        await rpc.SendBatchAsync(batch, ct);
        var results = new string?[tasks.Length];
        for (var i = 0; i < tasks.Length; i++)
        {
            try
            {
                await tasks[i];
            }
            catch (JsonRpcRevertException e)
            {
                var reason = Artifacts.Engine.DecodeRevert(e.RevertData);
                results[i] = reason.ToString() ?? "reverted";
            }
        }
        return results;
    }
}
