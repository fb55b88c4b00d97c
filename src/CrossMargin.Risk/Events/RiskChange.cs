using CrossMargin.Ethereum.Primitives;

namespace CrossMargin.Risk.Events;

/// <summary>What one applied log changed in a <see cref="RiskBook"/>: an account, a feed's answer, the parameters, or nothing.</summary>
public readonly record struct RiskChange(RiskChangeKind Kind, ulong AccountId = 0, Address Feed = default)
{
    public static readonly RiskChange None = new(RiskChangeKind.None);
}

public enum RiskChangeKind
{
    None,
    Account,
    Answer,
    Parameters,

    /// <summary>A removed log rolled the book back (reorg).</summary>
    Rollback,
}
