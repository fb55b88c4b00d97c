using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Abi;

public sealed class AbiSignatureTests
{
    [Theory]
    [InlineData("transfer(address,uint256)", 0xa9059cbbu)]
    [InlineData("balanceOf(address)", 0x70a08231u)]
    [InlineData("approve(address,uint256)", 0x095ea7b3u)]
    [InlineData("Error(string)", 0x08c379a0u)]
    [InlineData("Panic(uint256)", 0x4e487b71u)]
    public void Selector_KnownValues(string signature, uint selector) => Assert.Equal(selector, AbiSignature.Selector(signature));

    [Fact]
    public void EventTopic_Transfer() =>
        Assert.Equal("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", Hex.Encode(AbiSignature.Hash("Transfer(address,address,uint256)")));

    [Fact]
    public void Descriptor_BuildsCanonicalSignatureFromTuples()
    {
        var f = new FunctionDescriptor("place", [new AbiParameter("orders", AbiType.Parse("tuple(uint,int8)[]"))], []);
        Assert.Equal("place((uint256,int8)[])", f.Signature);
        Assert.Equal(AbiSignature.Selector("place((uint256,int8)[])"), f.Selector);
    }
}
