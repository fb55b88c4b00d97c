using System.Reflection;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Generators.Tests.Contracts;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Generators.Tests;

/// <summary>Every compile-time selector/topic the generator emitted must equal the runtime computation.</summary>
public sealed class GeneratedConstantsTests
{
    public static TheoryData<Type> GeneratedMembers()
    {
        var data = new TheoryData<Type>();
        foreach (var contract in new[] { typeof(MarginEngineContract), typeof(ERC20Contract) })
        {
            foreach (var nested in contract.GetNestedTypes().Where(t => t.GetField("Signature") is not null))
                data.Add(nested);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(GeneratedMembers))]
    public void SelectorsAndTopics_MatchRuntimeKeccak(Type member)
    {
        var signature = (string)member.GetField("Signature")!.GetValue(null)!;
        if (member.GetField("Selector") is { } selector)
            Assert.Equal(AbiSignature.Selector(signature), (uint)selector.GetValue(null)!);
        if (member.GetField("Topic0Hex") is { } topic)
            Assert.Equal(Hex.Encode(AbiSignature.Hash(signature)), (string)topic.GetValue(null)!);
    }

    [Fact]
    public void GeneratedSignatures_MatchContractAbi()
    {
        var abi = MarginEngineContract.Abi;
        var generated = typeof(MarginEngineContract).GetNestedTypes()
            .Where(t => t.Name.Contains("Function", StringComparison.Ordinal))
            .Select(t => (string)t.GetField("Signature")!.GetValue(null)!);
        Assert.Equal(abi.Functions.Select(f => f.Signature).Order(), generated.Order());
    }

    [Fact]
    public void Erc20_WellKnownConstants()
    {
        Assert.Equal(0xa9059cbbu, ERC20Contract.TransferFunction.Selector);
        Assert.Equal("transfer(address,uint256)", ERC20Contract.TransferFunction.Signature);
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", ERC20Contract.TransferEvent.Topic0Hex);
        Assert.Equal(Hex.Decode(ERC20Contract.TransferEvent.Topic0Hex), ERC20Contract.TransferEvent.Topic0.ToArray());
        Assert.Equal(0x70a08231u, ERC20Contract.BalanceOfFunction.Selector);
    }

    [Fact]
    public void Overloads_AreDisambiguated()
    {
        Assert.Equal("withdraw(uint256,uint256)", MarginEngineContract.Withdraw_uint256_uint256Function.Signature);
        Assert.Equal("withdraw(uint256,uint256,address)", MarginEngineContract.Withdraw_uint256_uint256_addressFunction.Signature);
    }

    [Fact]
    public void ContractWithoutBytecode_HasNoDeployMembers()
    {
        Assert.Null(typeof(ERC20Contract).GetMethod("EncodeDeploy"));
        Assert.NotNull(typeof(MarginEngineContract).GetMethod("EncodeDeploy", BindingFlags.Public | BindingFlags.Static));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(135)]
    [InlineData(136)]
    [InlineData(137)]
    [InlineData(1000)]
    public void GeneratorKeccak_MatchesRuntime(int length)
    {
        var input = Enumerable.Range(0, length).Select(i => (byte)(i * 31 + 7)).ToArray();
        Assert.Equal(Crypto.Keccak256.Hash(input), Keccak256.Hash(input));
    }
}
