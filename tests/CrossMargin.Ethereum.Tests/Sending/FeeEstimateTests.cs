using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;
using CrossMargin.Ethereum.Sending;

namespace CrossMargin.Ethereum.Tests.Sending;

public sealed class FeeEstimateTests
{
    private static readonly FeeEstimatorOptions Options = new() { MinPriorityFee = 10UL, MaxPriorityFee = 1_000UL, MaxFeeCap = 100_000UL };

    [Fact]
    public void BumpedBy_TenPercent_RaisesBothFeesRoundingUp()
    {
        var bumped = new FeeEstimate(1_001UL, 1UL).BumpedBy(10);
        Assert.Equal(new FeeEstimate(1_102UL, 2UL), bumped);
    }

    [Fact]
    public void BumpedBy_BelowTenPercent_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeeEstimate(100UL, 10UL).BumpedBy(9));

    [Fact]
    public void FromHistory_MedianRewardAndNextBaseFee_DoublesBaseFeePlusTip()
    {
        var history = new FeeHistory(1, [100UL, 200UL, 300UL], [0.5, 0.5], [[50UL], [20UL], [30UL]]);
        Assert.Equal(new FeeEstimate(630UL, 30UL), FeeEstimator.FromHistory(history, Options));
    }

    [Fact]
    public void FromHistory_EmptyBlocks_UsesMinimumTip()
    {
        var history = new FeeHistory(1, [7UL, 7UL], [0.0], [[0UL]]);
        Assert.Equal(new FeeEstimate(24UL, 10UL), FeeEstimator.FromHistory(history, Options));
    }

    [Fact]
    public void FromHistory_SpikingBaseFee_CappedAtMaxFeeCap()
    {
        var history = new FeeHistory(1, [1UL, 90_000UL], [1.0], [[5_000UL]]);
        Assert.Equal(new FeeEstimate(100_000UL, 1_000UL), FeeEstimator.FromHistory(history, Options));
    }

    [Theory]
    [InlineData("nonce too low: next nonce 5, tx nonce 4", true)]
    [InlineData("nonce too high", true)]
    [InlineData("already known", true)]
    [InlineData("insufficient funds for gas * price + value", false)]
    public void IsNonceError_NodeMessages_Classified(string message, bool expected) =>
        Assert.Equal(expected, NonceManager.IsNonceError(new JsonRpcException("eth_sendRawTransaction", -32000, message, null)));
}
