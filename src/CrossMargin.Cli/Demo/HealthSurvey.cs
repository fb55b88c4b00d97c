using CrossMargin.Cli.Stack;
using CrossMargin.Contracts;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Demo;

/// <summary>Counts of the demo's accounts per mode and health band, from the engine's healthBatch at the latest block.</summary>
internal sealed record HealthSurvey(int[,] Counts, double InsuranceFundUsdc)
{
    private const int Chunk = 400;

    public int Band(HealthBand band) => Enumerable.Range(0, 3).Sum(m => Counts[m, (int)band]);

    public static async Task<HealthSurvey> TakeAsync(DevStack stack, IReadOnlyList<DemoWallet> wallets, CancellationToken ct)
    {
        var counts = new int[3, 5];
        foreach (var chunk in wallets.Chunk(Chunk))
        {
            var data = E.HealthBatchFunction.Encode(chunk.Select(w => (UInt256)w.AccountId).ToList());
            var result = E.HealthBatchFunction.DecodeResult(await stack.Rpc.CallAsync(new CallRequest { To = stack.Deployment.Engine, Data = data }, BlockParameter.Latest, ct).ConfigureAwait(false));
            for (var i = 0; i < chunk.Length; i++)
                counts[(int)chunk[i].Mode, (int)HealthBands.Of(result[i])]++;
        }
        var insurance = E.InsuranceFundFunction.DecodeResult(await stack.Rpc.CallAsync(new CallRequest { To = stack.Deployment.Engine, Data = E.InsuranceFundFunction.Encode() }, BlockParameter.Latest, ct).ConfigureAwait(false));
        return new HealthSurvey(counts, DemoMath.Usdc(insurance));
    }
}
