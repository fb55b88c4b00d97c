using CrossMargin.Ethereum.Primitives;
using CrossMargin.Keeper.Pipeline;

namespace CrossMargin.Keeper.Sending;

/// <summary>A transaction the node accepted: Stopwatch timestamps of the price tick that triggered it and of the acceptance.</summary>
internal sealed record SentRecord(ulong AccountId, ActionKind Kind, Hash32 Hash, long TickAt, long SentAt);
