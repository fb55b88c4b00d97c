using CrossMargin.Cli.Compare;

namespace CrossMargin.Cli.Tests.Compare;

public sealed class PricePathsTests
{
    [Fact]
    public void Generate_SameSeed_SamePaths()
    {
        var a = PricePaths.Generate(3, 10, seed: 42);
        var b = PricePaths.Generate(3, 10, seed: 42);
        Assert.Equal(a.SelectMany(p => p.SelectMany(s => s)), b.SelectMany(p => p.SelectMany(s => s)));
        Assert.NotEqual(a.SelectMany(p => p.SelectMany(s => s)), PricePaths.Generate(3, 10, seed: 43).SelectMany(p => p.SelectMany(s => s)));
    }

    [Fact]
    public void Generate_PricesArePositiveWithEightDecimals()
    {
        foreach (var step in PricePaths.Generate(5, 50, seed: 1).SelectMany(p => p))
        {
            Assert.Equal(0, step[0]);
            Assert.All(step[1..], price => Assert.True(price > 0 && decimal.Round(price, 8) == price, $"{price}"));
        }
    }
}
