using CrossMargin.Devnet;
using CrossMargin.Ethereum.Abi;

namespace CrossMargin.TestKit;

/// <summary>The checked-in ABI + bytecode exports (abi/*.json) and the test-only BatchCaller, found from the repo root (<see cref="Toolchain"/>).</summary>
public static class Artifacts
{
    public static ContractAbi Engine { get; } = Load("abi/MarginEngine.json");
    public static ContractAbi Vault { get; } = Load("abi/LiquidityVault.json");
    public static ContractAbi Erc20 { get; } = Load("abi/MockERC20.json");
    public static ContractAbi Aggregator { get; } = Load("abi/MockAggregator.json");
    public static ContractAbi BatchCaller { get; } = Load("tests/CrossMargin.TestKit/Solidity/BatchCaller.json");

    private static ContractAbi Load(string relative) => ContractAbi.Parse(File.ReadAllText(Toolchain.PathOf(relative)));
}
