using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace CrossMargin.Benchmarks.Versus;

// Hand-written Nethereum event DTOs, as Nethereum's code generator would emit them from abi/MarginEngine.json.

[Event("PositionUpdated")]
public sealed class PositionUpdatedEventDto : IEventDTO
{
    [Parameter("uint256", "accountId", 1, true)] public BigInteger AccountId { get; set; }
    [Parameter("uint256", "marketId", 2, true)] public BigInteger MarketId { get; set; }
    [Parameter("int256", "sizeDelta", 3, false)] public BigInteger SizeDelta { get; set; }
    [Parameter("uint256", "price", 4, false)] public BigInteger Price { get; set; }
    [Parameter("int256", "newSize", 5, false)] public BigInteger NewSize { get; set; }
    [Parameter("int256", "newOpenNotional", 6, false)] public BigInteger NewOpenNotional { get; set; }
    [Parameter("int256", "realizedPnl", 7, false)] public BigInteger RealizedPnl { get; set; }
    [Parameter("uint256", "fee", 8, false)] public BigInteger Fee { get; set; }
}

[Event("CollateralUpdated")]
public sealed class CollateralUpdatedEventDto : IEventDTO
{
    [Parameter("uint256", "accountId", 1, true)] public BigInteger AccountId { get; set; }
    [Parameter("address", "asset", 2, true)] public string Asset { get; set; } = "";
    [Parameter("int256", "delta", 3, false)] public BigInteger Delta { get; set; }
    [Parameter("int256", "newBalance", 4, false)] public BigInteger NewBalance { get; set; }
    [Parameter("uint8", "reason", 5, false)] public byte Reason { get; set; }
}
