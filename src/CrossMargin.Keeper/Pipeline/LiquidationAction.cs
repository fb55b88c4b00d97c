using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Keeper.Pipeline;

/// <summary>One planned call: the account, what to call, its argument (fraction WAD or repay in quote units) and call data.</summary>
public sealed record LiquidationAction(ulong AccountId, ActionKind Kind, UInt256 Amount, Address? Asset, byte[] CallData, double DeficitUsd);
