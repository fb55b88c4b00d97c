using CrossMargin.Contracts;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;

namespace CrossMargin.Cli.Stack;

/// <summary>
/// Whether the devnet behind a deployment.json can be resumed, and deploying it when not. `up` reuses the file when its
/// engine has code on the node and it was deployed from this checkout's abi/, else deploys with <see cref="DeployAsync"/>
/// (the C# deployer, no Foundry build needed). The file itself is read by CrossMargin.Contracts' <see cref="Deployment"/>.
/// </summary>
internal static class DevnetDeployment
{
    /// <summary>True when <paramref name="path"/> exists and its engine has code on the node (nothing to deploy).</summary>
    public static async Task<bool> IsLiveAsync(IJsonRpcClient rpc, string path, CancellationToken ct)
    {
        if (!File.Exists(path))
            return false;
        var engine = Deployment.Load(path).Engine;
        var code = await rpc.SendAsync(new RpcRequest<string>("eth_getCode", w =>
        {
            w.WriteStringValue(engine.ToString());
            w.WriteStringValue("latest");
        }, e => e.GetString() ?? "0x"), ct).ConfigureAwait(false);
        return code is not ("0x" or "");
    }

    /// <summary>
    /// True when the contracts behind <paramref name="path"/> were deployed from the abi/ in this checkout. A devnet
    /// deployed by an older build (after a pull that changed the contracts) would feed the services events they do not
    /// understand; `up` deploys the new build on the same chain instead of resuming it.
    /// </summary>
    public static bool MatchesBuild(string path) =>
        File.Exists(BuildPath(path)) && File.ReadAllText(BuildPath(path)).Trim() == BuildFingerprint();

    private static string BuildPath(string path) => path + ".build";

    /// <summary>SHA-256 over abi/*.json (ABI and bytecode of every deployable contract), in name order.</summary>
    private static string BuildFingerprint()
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var file in Directory.GetFiles(Path.Combine(Toolchain.Root, "abi"), "*.json").Order(StringComparer.Ordinal))
            sha.AppendData(File.ReadAllBytes(file));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>
    /// Deploys the devnet from abi/ with <see cref="DevnetContracts"/> as anvil's dev account 0 (Deploy.s.sol's default
    /// deployer, so a fresh chain gets the README's addresses) and writes <paramref name="path"/> with Deploy.s.sol's keys.
    /// </summary>
    public static async Task<Deployment> DeployAsync(IJsonRpcClient rpc, string path, CancellationToken ct)
    {
        var owner = await TransactionSender.CreateAsync(rpc, PrivateKey.FromHex(DevnetContracts.AnvilDevKey0), DevnetContracts.SenderOptions, ct).ConfigureAwait(false);
        var devnet = await DevnetContracts.DeployAsync(owner, ct).ConfigureAwait(false);
        var deployment = new Deployment(devnet.Addresses());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, deployment.ToJson(), ct).ConfigureAwait(false);
        await File.WriteAllTextAsync(BuildPath(path), BuildFingerprint(), ct).ConfigureAwait(false);
        return deployment;
    }
}
