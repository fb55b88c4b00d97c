namespace CrossMargin.Ethereum.Tests.Fixtures;

/// <summary>Tests in this collection share one anvil and run serially (they observe chain height).</summary>
[CollectionDefinition(Name)]
public sealed class AnvilCollection : ICollectionFixture<AnvilFixture>
{
    public const string Name = "anvil";
}
