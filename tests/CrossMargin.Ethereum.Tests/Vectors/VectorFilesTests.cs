namespace CrossMargin.Ethereum.Tests.Vectors;

public sealed class VectorFilesTests
{
    [Fact]
    public void EthersDirectory_IsFound_AndHoldsTheEthersFiles()
    {
        foreach (var name in new[] { "transactions.json.gz", "accounts.json.gz", "hashes.json.gz", "rlp.json.gz", "wallets.json.gz" })
            Assert.True(File.Exists(VectorFiles.EthersPath(name)), name);
    }
}
