using System.Diagnostics;
using System.Text.Json;
using CrossMargin.Cli.Stack;
using CrossMargin.Contracts;
using CrossMargin.Devnet;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using E = CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Cli.Tests.Stack;

/// <summary>
/// contracts/script/Deploy.s.sol (forge: bench-gas, real networks) and the C# deployer (`up`, `compare`, the test
/// fixtures) must build the same devnet. Each runs on its own fresh anvil from dev account 0, so even the addresses
/// match; every log (engine parameters, markets, collaterals, correlations, vault deposit, insurance funding) and the
/// engine's and vault's state must be equal.
/// </summary>
public sealed class DeployParityTests
{
    [Fact]
    public async Task DeployAsync_SameDevnetAsTheForgeScript()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await using var forgeNode = await AnvilNode.StartThrowawayAsync(cts.Token);
        await using var csharpNode = await AnvilNode.StartThrowawayAsync(cts.Token);
        var dir = Directory.CreateTempSubdirectory("crossmargin-parity-").FullName;
        try
        {
            var forge = await RunForgeScriptAsync(forgeNode.HttpUrl, cts.Token);
            var path = Path.Combine(dir, "deployment.json");
            var csharp = await DevnetDeployment.DeployAsync(csharpNode.Rpc, path, cts.Token);

            Assert.Equal(forge.OrderBy(a => a.Key), csharp.Addresses.OrderBy(a => a.Key));
            Assert.Equal(forge.Keys, JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!.Keys); // same keys, same order
            Assert.True(DevnetDeployment.MatchesBuild(path), "the C# deployment records the abi/ fingerprint");
            Address[] feeds = [csharp.EthFeed, csharp.BtcFeed, csharp.SolFeed];
            var forgeLogs = await LogsAsync(forgeNode.Rpc, feeds, cts.Token);
            Assert.True(forgeLogs.Count >= 20, $"only {forgeLogs.Count} logs from the forge deployment");
            Assert.Equal(forgeLogs, await LogsAsync(csharpNode.Rpc, feeds, cts.Token));
            Assert.Equal(await StateAsync(forgeNode.Rpc, csharp, cts.Token), await StateAsync(csharpNode.Rpc, csharp, cts.Token));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Address, topics and data of every log since genesis (transaction hashes differ: gas prices are each deployer's
    /// own). A feed's logs carry its answer and round in topics and the block time as data, which is left out.
    /// </summary>
    private static async Task<List<string>> LogsAsync(IJsonRpcClient rpc, Address[] feeds, CancellationToken ct) =>
        [.. (await rpc.GetLogsAsync(new LogFilter { FromBlock = 0UL, ToBlock = BlockParameter.Latest }, ct))
            .Select(l => $"{l.Address} {string.Join(",", l.Topics)} {(feeds.Contains(l.Address) ? "(time)" : Convert.ToHexString(l.Data))}")];

    /// <summary>The engine's views (owner, vault, parameters, markets, prices, correlations, collaterals, funds) and the vault's assets.</summary>
    private static async Task<List<string>> StateAsync(IJsonRpcClient rpc, Deployment d, CancellationToken ct)
    {
        var calls = new List<(Address To, byte[] Data)>
        {
            (d.Engine, E.OwnerFunction.Encode()), (d.Engine, E.VaultFunction.Encode()), (d.Engine, E.AlphaFunction.Encode()),
            (d.Engine, E.KImFunction.Encode()), (d.Engine, E.KeeperShareFunction.Encode()), (d.Engine, E.MarketCountFunction.Encode()),
            (d.Engine, E.InsuranceFundFunction.Encode()), (d.Engine, E.VaultBalanceFunction.Encode()), (d.Engine, E.VaultAssetsFunction.Encode()),
            (d.Vault, LiquidityVaultContract.TotalAssetsFunction.Encode()), (d.Vault, LiquidityVaultContract.TotalSupplyFunction.Encode()),
            (d.Usdc, MockERC20Contract.BalanceOfFunction.Encode(d.Vault)), (d.Usdc, MockERC20Contract.BalanceOfFunction.Encode(d.Engine)),
        };
        for (ulong i = 1; i <= 3; i++)
        {
            calls.Add((d.Engine, E.MarketPriceFunction.Encode(i)));
            for (var j = i; j <= 3; j++)
                calls.Add((d.Engine, E.CorrelationFunction.Encode(i, j)));
        }
        for (ulong k = 0; k < 3; k++)
            calls.Add((d.Engine, E.CollateralAssetsFunction.Encode(k)));
        var results = new List<string>();
        foreach (var (to, data) in calls)
        {
            try
            {
                results.Add(Convert.ToHexString(await rpc.CallAsync(new CallRequest { To = to, Data = data }, BlockParameter.Latest, ct)));
            }
            catch (JsonRpcException e)
            {
                results.Add($"revert {e.Message}"); // e.g. past the last collateral: both must revert alike
            }
        }
        return results;
    }

    private static async Task<Dictionary<string, Address>> RunForgeScriptAsync(Uri rpcUrl, CancellationToken ct)
    {
        // forge may only write inside the project: the script writes under cache/.
        var scratch = Path.Combine("cache", $"parity-{Guid.NewGuid():N}.json");
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
        using var forge = Process.Start(info)!;
        var stdout = forge.StandardOutput.ReadToEndAsync(ct);
        var stderr = forge.StandardError.ReadToEndAsync(ct);
        await forge.WaitForExitAsync(ct);
        Assert.True(forge.ExitCode == 0, $"forge script failed:\n{await stderr}{await stdout}");
        var path = Path.Combine(Toolchain.Root, scratch);
        try
        {
            // Key order kept: the C# deployer must write the same file.
            return JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path))!.ToDictionary(p => p.Key, p => Address.Parse(p.Value));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
