using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Primitives;

public sealed class AddressTests
{
    // EIP-55 specification examples.
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void Parse_ValidChecksum_RoundTripsToSameString(string s) => Assert.Equal(s, Address.Parse(s).ToString());

    [Fact]
    public void Parse_BadChecksum_ThrowsWithExplanation()
    {
        var ex = Assert.Throws<FormatException>(() => Address.Parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        Assert.Contains("EIP-55", ex.Message);
        Assert.False(Address.TryParse("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", out _));
    }

    [Fact]
    public void Parse_SingleCase_AcceptedWithoutChecksum()
    {
        var lower = Address.Parse("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
        var upper = Address.Parse("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED");
        Assert.Equal(lower, upper);
        Assert.Equal("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", lower.ToString());
        Assert.Equal("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", lower.ToLowerHex());
    }

    [Theory]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea")]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedaa")]
    [InlineData("0xzaaeb6053f3e94c9b9a09f33669435e7ef1beaed")]
    public void Parse_Malformed_Throws(string s) => Assert.Throws<FormatException>(() => Address.Parse(s));

    [Fact]
    public void Bytes_RoundTrip_AndEqualityWorks()
    {
        var bytes = Enumerable.Range(1, 20).Select(i => (byte)(i * 13)).ToArray();
        var a = new Address(bytes);
        Assert.Equal(bytes, a.ToArray());
        Assert.Equal(a, Address.Parse(a.ToString()));
        Assert.NotEqual(Address.Zero, a);
        Assert.True(Address.Zero.IsZero);
    }
}
