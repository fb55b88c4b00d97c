using CrossMargin.Ethereum.Crypto;
using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Ethereum.Tests.Crypto;

public sealed class Keccak256Tests
{
    [Fact]
    public void Hash_EmptyInput_IsEthereumEmptyHash() =>
        Assert.Equal("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", Hex.Encode(Keccak256.Hash([])));
}
