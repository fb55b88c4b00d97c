using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Events;

/// <summary>A book loaded from the chain: its applier, the addresses whose logs feed it, and the last block applied.</summary>
public sealed record ChainMirror(RiskEventApplier Applier, IReadOnlyList<Address> Addresses, ulong LastBlock)
{
    public RiskBook Book => Applier.Book;
}
