using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Contracts.Tests;

/// <summary>deployment.json's one parser: the keys Deploy.s.sol writes, feeds by their "Feed" suffix, every problem a FormatException.</summary>
public sealed class DeploymentTests
{
    private const string Json = """{"engine":"0x0165878A594ca255338adfa4d48449f69242Eb8F","vault":"0xa513E6E4b8f2a923D98304ec87F64353C4D5C853","usdc":"0x5FbDB2315678afecb367f032d93F642f64180aa3","ethFeed":"0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9","btcFeed":"0xDc64a140Aa3E981100a9becA4E685f962f0cF6C9"}""";

    [Fact]
    public void Parse_DeployScriptKeys_NamedAddressesAndFeedsInFileOrder()
    {
        var d = Deployment.Parse(Json);
        Assert.Equal(Address.Parse("0x0165878A594ca255338adfa4d48449f69242Eb8F"), d.Engine);
        Assert.Equal(Address.Parse("0x5FbDB2315678afecb367f032d93F642f64180aa3"), d.Usdc);
        Assert.Equal([d.EthFeed, d.BtcFeed], d.Feeds);
        Assert.Equal(d.Addresses.ToList(), Deployment.Parse(d.ToJson()).Addresses.ToList()); // round trip, same key order
    }

    [Theory]
    [InlineData("""{"vault":"0xa513E6E4b8f2a923D98304ec87F64353C4D5C853"}""", "f.json names no engine")]
    [InlineData("""[1, 2]""", "f.json is not a JSON object of addresses")]
    [InlineData("""{"engine":""", "f.json is not valid JSON")]
    [InlineData("""{"engine":"0x12"}""", "")]
    public void Parse_Invalid_FormatExceptionNamingTheFile(string json, string message)
    {
        var e = Assert.Throws<FormatException>(() => Deployment.Parse(json, "f.json"));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_FileNotFoundNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), $"no-such-{Guid.NewGuid():N}.json");
        var e = Assert.Throws<FileNotFoundException>(() => Deployment.Load(path));
        Assert.Equal($"deployment file {path} does not exist", e.Message);
    }

    [Fact]
    public void Accessor_KeyAbsent_KeyNotFoundNamingIt()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Deployment.Parse("""{"engine":"0x0165878A594ca255338adfa4d48449f69242Eb8F"}""").Weth);
        Assert.Equal("the deployment names no weth", e.Message);
    }
}
