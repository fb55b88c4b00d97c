using CrossMargin.Ethereum.Abi;

namespace CrossMargin.Risk.Tests.Fixtures;

/// <summary>The checked-in ABI + bytecode exports (abi/*.json) and the test-only BatchCaller, found from the repo root.</summary>
internal static class Artifacts
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrossMargin.sln")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("repository root (CrossMargin.sln) not found");
    });

    public static ContractAbi Engine { get; } = Load("abi/MarginEngine.json");
    public static ContractAbi Vault { get; } = Load("abi/LiquidityVault.json");
    public static ContractAbi Erc20 { get; } = Load("abi/MockERC20.json");
    public static ContractAbi Aggregator { get; } = Load("abi/MockAggregator.json");
    public static ContractAbi BatchCaller { get; } = Load("tests/CrossMargin.Risk.Tests/Solidity/BatchCaller.json");

    private static ContractAbi Load(string relative) => ContractAbi.Parse(File.ReadAllText(Path.Combine(Root.Value, relative)));
}
