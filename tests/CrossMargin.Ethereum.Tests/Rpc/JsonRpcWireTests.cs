using System.Numerics;
using System.Text.Json;
using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Ethereum.Tests.Rpc;

/// <summary>Error classification for shapes other nodes/providers send (anvil's own shape is covered live).</summary>
public sealed class JsonRpcWireTests
{
    [Theory]
    [InlineData("""{"code":3,"message":"execution reverted: custom error 0xdeadbeef","data":"0xdeadbeef"}""", "0xdeadbeef")]
    [InlineData("""{"code":-32603,"message":"execution reverted","data":"0xdeadbeef"}""", "0xdeadbeef")]
    [InlineData("""{"code":-32000,"message":"execution reverted","data":{"data":"0xdeadbeef"}}""", "0xdeadbeef")]
    [InlineData("""{"code":-32015,"message":"VM execution error: execution reverted","data":"Reverted 0xdeadbeef"}""", "0xdeadbeef")]
    [InlineData("""{"code":3,"message":"execution reverted","data":"0x"}""", "0x")]
    [InlineData("""{"code":-32000,"message":"execution reverted"}""", "0x")]
    public void ToException_RevertShapes_YieldRevertData(string error, string expectedData)
    {
        using var doc = JsonDocument.Parse(error);
        var ex = Assert.IsType<JsonRpcRevertException>(JsonRpcWire.ToException("eth_call", doc.RootElement));
        Assert.Equal(expectedData, Hex.Encode(ex.RevertData));
    }

    [Theory]
    [InlineData("""{"code":-32000,"message":"nonce too low"}""", -32000)]
    [InlineData("""{"code":-32005,"message":"limit exceeded"}""", -32005)]
    [InlineData("""{"code":-32602,"message":"invalid params","data":{"field":"x"}}""", -32602)]
    public void ToException_NonRevertErrors_AreGenericWithCodeAndData(string error, int code)
    {
        using var doc = JsonDocument.Parse(error);
        var ex = JsonRpcWire.ToException("m", doc.RootElement);
        Assert.IsNotType<JsonRpcRevertException>(ex);
        Assert.Equal(code, ex.Code);
        Assert.Equal(code == -32005, ex.IsRateLimited);
    }

    [Fact]
    public void BlockParameter_WireForms_AreTagsOrHexQuantities()
    {
        Assert.Equal("latest", BlockParameter.Latest.ToString());
        Assert.Equal("finalized", BlockParameter.Finalized.ToString());
        Assert.Equal("0x10", ((BlockParameter)16UL).ToString());
    }
}
