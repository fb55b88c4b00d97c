using CrossMargin.Ethereum.Primitives;
using CrossMargin.Keeper.Pipeline;
using static CrossMargin.Contracts.MarginEngineContract;

namespace CrossMargin.Keeper.Tests.Pipeline;

public sealed class RevertClassifierTests
{
    [Fact]
    public void Classify_NotLiquidatable_LostRace()
    {
        var data = new NotLiquidatableError(7, Int256.Zero, UInt256.Zero).Encode();
        var (kind, name, error) = RevertClassifier.Classify(data);
        Assert.Equal(OutcomeKind.LostRace, kind);
        Assert.Equal("NotLiquidatable", name);
        Assert.IsType<NotLiquidatableError>(error);
    }

    [Fact]
    public void Classify_InsufficientLiquidation_Stale()
    {
        var (kind, _, _) = RevertClassifier.Classify(new InsufficientLiquidationError(7, Int256.Zero, UInt256.One).Encode());
        Assert.Equal(OutcomeKind.Stale, kind);
    }

    [Fact]
    public void Classify_StalePrice_Reverted()
    {
        var (kind, name, _) = RevertClassifier.Classify(new StalePriceError(Address.Zero, UInt256.One).Encode());
        Assert.Equal(OutcomeKind.Reverted, kind);
        Assert.Equal("StalePrice", name);
    }
}
