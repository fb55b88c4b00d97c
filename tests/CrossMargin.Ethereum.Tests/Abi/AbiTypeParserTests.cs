using CrossMargin.Ethereum.Abi;

namespace CrossMargin.Ethereum.Tests.Abi;

public sealed class AbiTypeParserTests
{
    [Theory]
    [InlineData("uint", "uint256")]
    [InlineData("int[]", "int256[]")]
    [InlineData("tuple(uint8,bool)", "(uint8,bool)")]
    [InlineData("((address,bytes32)[2],string)[]", "((address,bytes32)[2],string)[]")]
    [InlineData("()", "()")]
    public void Parse_Canonicalises(string text, string canonical) => Assert.Equal(canonical, AbiType.Parse(text).CanonicalName);

    [Theory]
    [InlineData("uint7")]
    [InlineData("uint264")]
    [InlineData("uint0")]
    [InlineData("uint08")]
    [InlineData("int512")]
    [InlineData("bytes0")]
    [InlineData("bytes33")]
    [InlineData("address20")]
    [InlineData("bool[")]
    [InlineData("bool[0]")]
    [InlineData("bool[01]")]
    [InlineData("bool[-1]")]
    [InlineData("(uint256")]
    [InlineData("(uint256,)")]
    [InlineData("uint256 ")]
    [InlineData("fixed128x18")]
    [InlineData("function")]
    [InlineData("")]
    [InlineData("uint256[99999999999]")]
    public void Parse_RejectsMalformed(string text) => Assert.Throws<AbiException>(() => AbiType.Parse(text));

    [Fact]
    public void Parse_RejectsOversizedStaticType() => Assert.Throws<AbiException>(() => AbiType.Parse("uint256[65536][65536]"));

    [Fact]
    public void Parse_RejectsPathologicalNesting() => Assert.Throws<AbiException>(() => AbiType.Parse(new string('(', 200) + "bool" + new string(')', 200)));

    [Theory]
    [InlineData("uint256", false, 32)]
    [InlineData("bytes", true, 32)]
    [InlineData("uint256[3]", false, 96)]
    [InlineData("(uint256,bool)[2]", false, 128)]
    [InlineData("(uint256,string)", true, 32)]
    [InlineData("string[2]", true, 32)]
    public void Layout_DynamicAndHeadSize(string text, bool dynamic, int head)
    {
        var type = AbiType.Parse(text);
        Assert.Equal(dynamic, type.IsDynamic);
        Assert.Equal(head, type.HeadSize);
    }
}
