using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Sending;
using CrossMargin.Keeper.Pipeline;

namespace CrossMargin.Keeper.Sending;

/// <summary>
/// One in-flight transaction for one account: every hash sent at its nonce (original, fee bumps, a cancel), and the
/// timestamps for stage metrics (Stopwatch ticks) and stuck detection (<see cref="TimeProvider"/>).
/// </summary>
internal sealed class Attempt(LiquidationAction action, PendingTransaction pending, long tickAt, long sentAt, DateTimeOffset submittedAt)
{
    public LiquidationAction Action { get; } = action;

    /// <summary>The latest version at this nonce (a cancel once <see cref="Cancelled"/>).</summary>
    public PendingTransaction Pending { get; set; } = pending;

    public ulong Nonce => Pending.Nonce;

    public IReadOnlyList<Hash32> Hashes => Pending.AllHashes;

    /// <summary>Hash of the zero-value self-transfer that replaced the action, if any.</summary>
    public Hash32? CancelHash { get; set; }

    public bool Cancelled => CancelHash is not null;

    public long TickAt { get; } = tickAt;

    public long SentAt { get; } = sentAt;

    public DateTimeOffset SubmittedAt { get; set; } = submittedAt;

    public int Replacements { get; set; }

    /// <summary>When a poll first saw the nonce used and none of our receipts.</summary>
    public DateTimeOffset? NonceUsedSince { get; set; }
}
