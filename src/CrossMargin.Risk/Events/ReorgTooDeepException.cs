namespace CrossMargin.Risk.Events;

/// <summary>A reorg reaches below the oldest block the <see cref="RiskJournal"/> can undo: reload the mirror from the chain.</summary>
public sealed class ReorgTooDeepException(ulong block, ulong? floor)
    : InvalidOperationException($"cannot roll back to block {block}: the journal reaches back to {floor?.ToString() ?? "no block"}; reload")
{
    public ulong Block { get; } = block;
}
