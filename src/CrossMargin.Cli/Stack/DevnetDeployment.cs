using System.Diagnostics;
using System.Text.Json;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Cli.Stack;

/// <summary>
/// The deployed contracts (deployment.json in the data directory, as written by contracts/script/Deploy.s.sol).
/// <see cref="EnsureAsync"/> is the one deploy path: reuse the file if its engine has code on the node, else run the
/// forge script (it compiles what is missing) and move its output into the data directory.
/// </summary>
internal sealed record DevnetDeployment(string Path, IReadOnlyDictionary<string, Address> Addresses)
{
    public Address Engine => Addresses["engine"];
    public Address Vault => Addresses["vault"];
    public Address Usdc => Addresses["usdc"];
    public Address Weth => Addresses["weth"];
    public Address Wbtc => Addresses["wbtc"];
    public Address EthFeed => Addresses["ethFeed"];
    public Address BtcFeed => Addresses["btcFeed"];
    public Address SolFeed => Addresses["solFeed"];

    public static DevnetDeployment Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"deployment file {path} does not exist");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var addresses = doc.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => Address.Parse(p.Value.GetString()!), StringComparer.Ordinal);
        return addresses.ContainsKey("engine") ? new DevnetDeployment(path, addresses) : throw new FormatException($"{path} names no engine");
    }

    /// <summary>True when <paramref name="path"/> exists and its engine has code on the node (nothing to deploy).</summary>
    public static async Task<bool> IsLiveAsync(IJsonRpcClient rpc, string path, CancellationToken ct)
    {
        if (!File.Exists(path))
            return false;
        var engine = Load(path).Engine;
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
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(Toolchain.Root, "abi"), "*.json").Order(StringComparer.Ordinal))
            sha.AppendData(File.ReadAllBytes(file));
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>Runs contracts/script/Deploy.s.sol against <paramref name="rpcUrl"/> and writes <paramref name="path"/>.</summary>
    public static async Task<DevnetDeployment> DeployAsync(Uri rpcUrl, string path, CancellationToken ct)
    {
        // forge may only write inside the project: the script writes under cache/ and the file is moved.
        var scratch = System.IO.Path.Combine("cache", $"deployment-{Guid.NewGuid():N}.json");
        var info = new ProcessStartInfo(Toolchain.Forge)
        {
            WorkingDirectory = Toolchain.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "script", "contracts/script/Deploy.s.sol", "--rpc-url", rpcUrl.ToString(), "--broadcast", "--slow", "--quiet" })
            info.ArgumentList.Add(a);
        info.Environment["DEPLOYMENT_FILE"] = scratch;
        using var forge = Process.Start(info) ?? throw new InvalidOperationException("could not start forge");
        // Ctrl-C during the deploy: forge must not keep broadcasting to a node that is being stopped.
        await using var cancel = ct.Register(() => forge.Kill(entireProcessTree: true));
        var stdout = forge.StandardOutput.ReadToEndAsync(ct);
        var stderr = forge.StandardError.ReadToEndAsync(ct);
        await forge.WaitForExitAsync(ct).ConfigureAwait(false);
        if (forge.ExitCode != 0)
            throw new InvalidOperationException($"forge script contracts/script/Deploy.s.sol failed (exit {forge.ExitCode}):\n{await stderr.ConfigureAwait(false)}{await stdout.ConfigureAwait(false)}");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        File.Move(System.IO.Path.Combine(Toolchain.Root, scratch), path, overwrite: true);
        await File.WriteAllTextAsync(BuildPath(path), BuildFingerprint(), ct).ConfigureAwait(false);
        return Load(path);
    }
}
