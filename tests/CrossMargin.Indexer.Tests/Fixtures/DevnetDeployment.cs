using CrossMargin.Contracts;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Indexer.Hosting;

namespace CrossMargin.Indexer.Tests.Fixtures;

/// <summary>Deploys the devnet and describes it as the indexer's <see cref="Deployment"/> (as .data/deployment.json would).</summary>
internal static class DevnetDeployment
{
    public static async Task<DevnetOwner> DeployAsync(IJsonRpcClient rpc, string deployer, CancellationToken ct)
    {
        var devnet = new DevnetOwner(rpc, deployer);
        await devnet.DeployAsync(ct);
        return devnet;
    }

    public static Deployment Of(DevnetOwner d) => Deployment.Parse(d.DeploymentJson());

    public static string Json(DevnetOwner d) => d.DeploymentJson();
}
