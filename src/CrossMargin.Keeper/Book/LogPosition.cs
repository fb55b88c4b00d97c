using CrossMargin.Ethereum.Primitives;
using CrossMargin.Ethereum.Rpc;

namespace CrossMargin.Keeper.Book;

/// <summary>
/// How far the log stream has been applied: every log of blocks &lt; <see cref="Block"/>, and of <see cref="Block"/>
/// itself either all of them (<see cref="Complete"/>) or those with the listed indices (a block whose logs are still
/// arriving over the subscription). Saved in the checkpoint so a restart neither skips nor re-applies a log
/// (re-applying is not harmless: PositionUpdated moves each market's net size by a delta).
/// </summary>
internal sealed record LogPosition(ulong Block, bool Complete, Hash32? BlockHash, HashSet<ulong> Indices)
{
    public bool Accepts(LogEntry log) =>
        log.BlockNumber > Block || (log.BlockNumber == Block && !Complete && !Indices.Contains(log.LogIndex));

    public LogPosition After(LogEntry log) => log.BlockNumber > Block
        ? new LogPosition(log.BlockNumber, false, log.BlockHash, new HashSet<ulong> { log.LogIndex })
        : WithIndex(log.LogIndex);

    // The set is owned by the keeper loop (checkpoints copy it), so a block's indices grow in place.
    private LogPosition WithIndex(ulong index)
    {
        ((HashSet<ulong>)Indices).Add(index);
        return this;
    }

    /// <summary>The last block whose logs are all applied.</summary>
    public ulong CompleteBlock => Complete ? Block : Block - 1;
}
