using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Abi;

public sealed class ContractAbiTests
{
    private static readonly ContractAbi Abi = ContractAbi.Parse(TestAbis.Engine);

    [Fact]
    public void Parse_ReadsAllEntryKinds()
    {
        Assert.Equal("Engine", Abi.ContractName);
        Assert.Equal([0x60, 0x80], Abi.Bytecode);
        Assert.Equal(3, Abi.Functions.Count);
        Assert.Equal(2, Abi.Events.Count);
        Assert.Equal(2, Abi.Errors.Count);
        Assert.NotNull(Abi.Constructor);
    }

    [Fact]
    public void Overloads_RequireSignature()
    {
        Assert.Throws<AbiException>(() => Abi.GetFunction("withdraw"));
        Assert.Equal(2, Abi.GetFunctions("withdraw").Count);
        var f = Abi.GetFunction("withdraw(uint256,uint256,address)");
        Assert.True(Abi.TryGetFunction(f.Selector, out var bySelector));
        Assert.Same(f, bySelector);
    }

    [Fact]
    public void TupleOutputs_RoundTrip()
    {
        var f = Abi.GetFunction("getPosition");
        Assert.Equal("getPosition(uint256)", f.Signature);
        Assert.Equal("(uint256,int256)[]", f.Outputs[0].Type.CanonicalName);
        Assert.Equal("struct Engine.Position[]", f.Outputs[0].InternalType);
        var encoded = f.EncodeOutput(new object[] { new object[] { new object[] { 1, -2 }, new object[] { 3, 4 } } });
        var decoded = (object[])f.DecodeOutput(encoded)[0];
        Assert.Equal(new BigInteger(-2), ((object[])decoded[0])[1]);
        var call = f.EncodeCall(9);
        Assert.Equal(new BigInteger(9), f.DecodeCall(call)[0]);
    }

    [Fact]
    public void Event_IndexedInTopicsRestInData()
    {
        var e = Abi.GetEvent("PositionUpdated");
        Assert.Equal(Hex.Encode(Keccak256.Hash("PositionUpdated(uint256,uint256,int256,uint256)"u8)), e.Topic0Hex);
        var (topics, data) = e.EncodeLog(1, 2, -3, 4);
        Assert.Equal(3, topics.Length);
        Assert.Equal(64, data.Length);
        Assert.True(Abi.TryDecodeLog(topics, data, out var decoded));
        Assert.Equal(new BigInteger(-3), decoded["sizeDelta"]);
        Assert.Equal(new BigInteger(2), decoded["marketId"]);
    }

    [Fact]
    public void Event_DynamicIndexedIsHashed()
    {
        var e = Abi.GetEvent("MarketListed");
        var (topics, data) = e.EncodeLog("ETH-PERP", 5);
        Assert.Equal(Keccak256.Hash("ETH-PERP"u8), topics[1]);
        var decoded = e.Decode(topics, data);
        Assert.Equal(Keccak256.Hash("ETH-PERP"u8), decoded["symbol"]);
        Assert.Equal(new BigInteger(5), decoded["marketId"]);
    }

    [Fact]
    public void Event_WrongTopicsRejected()
    {
        var e = Abi.GetEvent("PositionUpdated");
        var (topics, data) = e.EncodeLog(1, 2, -3, 4);
        Assert.False(e.TryDecode(topics[..2], data, out _));
        Assert.False(e.TryDecode(topics, data[..40], out _));
        topics[0][0] ^= 1;
        Assert.False(Abi.TryDecodeLog(topics, data, out _));
    }

    [Fact]
    public void Topics_InPlaceEncodingOfArraysAndTuples()
    {
        // keccak of the elements each padded to 32 bytes with no length prefix (Solidity spec).
        var expected = Keccak256.Hash([.. AbiEncoder.Encode(AbiType.UInt256, 1), .. AbiEncoder.Encode(AbiType.UInt256, 2)]);
        Assert.Equal(expected, AbiTopics.Encode(AbiType.Parse("uint256[]"), new object[] { 1, 2 }));
        Assert.Equal(expected, AbiTopics.Encode(AbiType.Parse("(uint256,uint256)"), new object[] { 1, 2 }));
    }

    [Fact]
    public void Constructor_EncodesDeployData()
    {
        var deploy = Abi.Constructor!.EncodeDeploy(Abi.Bytecode, new byte[20]);
        Assert.Equal(2 + 32, deploy.Length);
        Assert.Equal(0x60, deploy[0]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("[{\"type\":\"function\"}]")]
    [InlineData("[{\"type\":\"function\",\"name\":\"f\",\"inputs\":[{\"type\":\"uint7\"}]}]")]
    [InlineData("[{\"type\":\"weird\",\"name\":\"f\"}]")]
    [InlineData("not json")]
    public void Parse_RejectsMalformedAbi(string json) => Assert.Throws<AbiException>(() => ContractAbi.Parse(json));
}
