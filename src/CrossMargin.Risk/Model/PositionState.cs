using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Model;

/// <summary>Signed size (WAD base units) and signed open notional (WAD USD), as the contract's Position.</summary>
public readonly record struct PositionState(Int256 Size, Int256 OpenNotional);
