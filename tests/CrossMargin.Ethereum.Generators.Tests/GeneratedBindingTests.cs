using System.Numerics;
using CrossMargin.Ethereum.Abi;
using CrossMargin.Ethereum.Generators.Tests.Contracts;
using CrossMargin.Ethereum.Primitives;
using static CrossMargin.Ethereum.Generators.Tests.Contracts.MarginEngineContract;

namespace CrossMargin.Ethereum.Generators.Tests;

/// <summary>Generated encoders/decoders round-trip against the runtime codec driven by the same ABI.</summary>
public sealed class GeneratedBindingTests
{
    // "Abi" alone would bind to the CrossMargin.Ethereum.Abi namespace from here.
    private static ContractAbi Runtime => MarginEngineContract.Abi;

    private static readonly Address Alice = new(Enumerable.Range(1, 20).Select(i => (byte)i).ToArray());

    [Fact]
    public void FunctionCall_EncodesLikeRuntimeDescriptor()
    {
        var call = DepositFunction.Encode(7, UInt256.Parse("1000000000000000000000"));
        Assert.Equal(Runtime.GetFunction("deposit").EncodeCall(7, BigInteger.Parse("1000000000000000000000")), call);
        var overload = Withdraw_uint256_uint256_addressFunction.Encode(1, 2, Alice);
        Assert.Equal(Alice, (Address)Runtime.GetFunction("withdraw(uint256,uint256,address)").DecodeCall(overload)[2]);
    }

    [Fact]
    public void StructArrayArgument_RoundTrips()
    {
        var orders = new[]
        {
            new Order(1, -5, 100, false, [new byte[32]]),
            new Order(2, 3, 200, true, []),
        };
        var call = PlaceOrdersFunction.Encode(9, orders);
        var decoded = (object[])Runtime.GetFunction("placeOrders").DecodeCall(call)[1];
        var second = (object[])decoded[1];
        Assert.Equal(new BigInteger(3), second[1]);
        Assert.Equal(true, second[3]);
        var result = Runtime.GetFunction("placeOrders").EncodeOutput(new object[] { new object[] { 11, 12 } });
        Assert.Equal(new UInt256[] { 11UL, 12UL }, PlaceOrdersFunction.DecodeResult(result));
    }

    [Fact]
    public void NestedStructArgument_RoundTrips()
    {
        var config = new MarketConfig(new byte[32], 500, Alice, new Limits((UInt256)BigInteger.Pow(10, 30), 18));
        var call = SetMarketConfigFunction.Encode(4, config);
        var decoded = (object[])Runtime.GetFunction("setMarketConfig").DecodeCall(call)[1];
        Assert.Equal(new BigInteger(500), decoded[1]);
        Assert.Equal(new BigInteger(18), ((object[])decoded[3])[1]);
    }

    [Fact]
    public void Results_DecodeSingleTupleAndMultiple()
    {
        var position = Runtime.GetFunction("getPosition").EncodeOutput(new object[] { new object[] { -10, 20, 30 } });
        Assert.Equal(new Position(-10, 20, 30), GetPositionFunction.DecodeResult(position));

        var info = Runtime.GetFunction("accountInfo").EncodeOutput(Alice, -1, 2, true, "main");
        var r = AccountInfoFunction.DecodeResult(info);
        Assert.Equal(Alice, r.Owner);
        Assert.Equal(Int256.MinusOne, r.Equity);
        Assert.True(r.Liquidatable);
        Assert.Equal("main", r.Label);

        Assert.Equal("MarginEngine", NameFunction.DecodeResult(Runtime.GetFunction("name").EncodeOutput("MarginEngine")));
        Assert.Equal((byte)18, ERC20Contract.DecimalsFunction.DecodeResult(AbiEncoder.Encode(AbiType.UInt(8), 18)));
    }

    [Fact]
    public void Results_RejectMalformed()
    {
        Assert.Throws<AbiException>(() => ERC20Contract.DecimalsFunction.DecodeResult(AbiEncoder.Encode(AbiType.UInt256, 256)));
        Assert.Throws<AbiException>(() => ERC20Contract.TransferFunction.DecodeResult(AbiEncoder.Encode(AbiType.UInt256, 2)));
        Assert.Throws<AbiException>(() => AccountInfoFunction.DecodeResult(new byte[100]));
    }

    [Fact]
    public void Deploy_AppendsConstructorArgs()
    {
        var deploy = EncodeDeploy(Alice, 20);
        Assert.Equal(GetBytecode(), deploy[..GetBytecode().Length]);
        Assert.Equal(Runtime.Constructor!.EncodeDeploy(GetBytecode(), Alice, 20), deploy);
    }
}
