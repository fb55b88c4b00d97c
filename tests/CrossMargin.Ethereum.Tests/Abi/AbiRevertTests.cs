using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Abi;

public sealed class AbiRevertTests
{
    [Fact]
    public void ErrorString_Decodes()
    {
        // What solc emits for require(false, "Not enough Ether provided.").
        var data = Hex.Decode("0x08c379a0" +
            "0000000000000000000000000000000000000000000000000000000000000020" +
            "000000000000000000000000000000000000000000000000000000000000001a" +
            "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000");
        var reason = AbiRevert.Decode(data);
        Assert.Equal(RevertKind.Error, reason.Kind);
        Assert.Equal("Not enough Ether provided.", reason.Message);
        Assert.Equal(data, AbiRevert.EncodeError("Not enough Ether provided."));
    }

    [Theory]
    [InlineData(0x11, "arithmetic overflow or underflow")]
    [InlineData(0x12, "division or modulo by zero")]
    [InlineData(0x32, "array index out of bounds")]
    [InlineData(0x01, "assertion failed")]
    [InlineData(0x99, "unknown panic 0x99")]
    public void Panic_DecodesWithName(int code, string name)
    {
        var reason = AbiRevert.Decode(AbiRevert.EncodePanic(code));
        Assert.Equal(RevertKind.Panic, reason.Kind);
        Assert.Equal(new BigInteger(code), reason.PanicCode);
        Assert.Equal(name, reason.Message);
    }

    [Fact]
    public void CustomError_DecodedByName()
    {
        var abi = ContractAbi.Parse(TestAbis.Engine);
        var data = abi.GetError("InsufficientMargin").Encode(7, -5, 100);
        var reason = abi.DecodeRevert(data);
        Assert.Equal(RevertKind.Custom, reason.Kind);
        Assert.Equal("InsufficientMargin", reason.Name);
        Assert.Equal(new BigInteger(-5), reason["equity"]);
        Assert.Equal(new BigInteger(100), reason["required"]);
        Assert.Equal("InsufficientMargin(7, -5, 100)", reason.ToString());
    }

    [Fact]
    public void UnknownAndMalformed_NeverThrow()
    {
        Assert.Equal(RevertKind.Empty, AbiRevert.Decode([]).Kind);
        Assert.Equal(RevertKind.Unknown, AbiRevert.Decode([1, 2]).Kind);
        Assert.Equal(RevertKind.Unknown, AbiRevert.Decode(Hex.Decode("0xdeadbeef")).Kind);
        Assert.Equal(RevertKind.Unknown, AbiRevert.Decode(Hex.Decode("0x08c379a0" + "00")).Kind);
        // Custom selector known but body truncated.
        var abi = ContractAbi.Parse(TestAbis.Engine);
        var truncated = abi.GetError("InsufficientMargin").Encode(1, 2, 3)[..40];
        Assert.Equal(RevertKind.Unknown, abi.DecodeRevert(truncated).Kind);
    }
}
