using System.Numerics;
using CrossMargin.Cli.Wallet;
using CrossMargin.Cli.Wallet.Prices;

namespace CrossMargin.Cli.Tests.Wallet;

public sealed class UnitsTests
{
    [Theory]
    [InlineData("1.5", 18, "1500000000000000000")]
    [InlineData("0.000001", 6, "1")]
    [InlineData("1.10", 1, "11")] // trailing zeros beyond the precision are exact, so accepted
    [InlineData(".5", 1, "5")]
    [InlineData("-0.5", 18, "-500000000000000000")]
    [InlineData("+2", 0, "2")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457.584007913129639935", 18, "115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    public void ParseSigned_IsExact(string text, int decimals, string expected) =>
        Assert.Equal(BigInteger.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Units.ParseSigned(text, decimals, "x"));

    [Theory]
    [InlineData("1.0000001", 6, "bad x '1.0000001': at most 6 decimal places are allowed")]
    [InlineData("1e3", 6, "bad x '1e3': expected a decimal number such as 1.5")]
    [InlineData("1.", 6, "bad x '1.': expected a decimal number such as 1.5")]
    [InlineData("", 6, "bad x '': expected a decimal number such as 1.5")]
    [InlineData("--1", 6, "bad x '--1': expected a decimal number such as 1.5")]
    [InlineData("١", 6, "bad x '١': expected a decimal number such as 1.5")] // non-ASCII digit
    public void ParseSigned_RejectsWithTheReason(string text, int decimals, string message) =>
        Assert.Equal(message, Assert.Throws<WalletException>(() => Units.ParseSigned(text, decimals, "x")).Message);

    [Fact]
    public void ParseAmount_RejectsZeroSignsAndOverflow()
    {
        Assert.Throws<WalletException>(() => Units.ParseAmount("0", 6, "x"));
        Assert.Throws<WalletException>(() => Units.ParseAmount("+1", 6, "x"));
        Assert.Throws<WalletException>(() => Units.ParseAmount("-1", 6, "x"));
        Assert.Equal("bad x '2': too large", Assert.Throws<WalletException>(() => Units.ParseAmount("2", 256, "x")).Message);
    }

    [Theory]
    [InlineData("1234567891", 6, "1,234.567891")]
    [InlineData("-1500000000000000000", 18, "-1.5")]
    [InlineData("0", 8, "0")]
    [InlineData("100", 0, "100")]
    [InlineData("999", 3, "0.999")]
    public void Format_IsExactAndGrouped(string units, int decimals, string expected) =>
        Assert.Equal(expected, Units.Format(BigInteger.Parse(units, System.Globalization.CultureInfo.InvariantCulture), decimals));

    [Fact]
    public void Usd_TruncatesTowardZeroToCents() =>
        Assert.Equal("-3,794.73 USD", Units.Usd(-BigInteger.Parse("3794733192202055198399", System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("12230470000000000000001", true, "1223048")]
    [InlineData("12230470000000000000001", false, "1223047")]
    [InlineData("-12230470000000000000001", true, "-1223047")]
    [InlineData("-12230470000000000000001", false, "-1223048")]
    [InlineData("12230470000000000000000", true, "1223047")]
    public void Cents_RoundsInTheDirectionAsked(string wad, bool up, string cents) =>
        Assert.Equal(BigInteger.Parse(cents, System.Globalization.CultureInfo.InvariantCulture), Units.Cents(BigInteger.Parse(wad, System.Globalization.CultureInfo.InvariantCulture), up));

    [Theory]
    [InlineData("1s", 1000)]
    [InlineData("250ms", 250)]
    [InlineData("2m", 120_000)]
    [InlineData("0", 0)]
    [InlineData("0.5s", 500)]
    public void Interval_Parses(string text, double ms) => Assert.Equal(TimeSpan.FromMilliseconds(ms), Interval.Parse(text, TimeSpan.Zero));

    [Fact]
    public void Interval_RejectsAMissingUnit() =>
        Assert.Equal("bad --interval '5': expected a duration such as 1s, 250ms or 0", Assert.Throws<WalletException>(() => Interval.Parse("5", TimeSpan.Zero)).Message);

    [Fact]
    public void PriceWalk_IsDeterministicPerSeed_AndStaysPositive()
    {
        var a = new PriceWalk(0.5, 1);
        var b = new PriceWalk(0.5, 1);
        BigInteger x = 1, y = 1;
        for (var i = 0; i < 1000; i++)
        {
            x = a.Next(x);
            y = b.Next(y);
            Assert.Equal(x, y);
            Assert.True(x >= 1);
        }
    }
}
