namespace CrossMargin.Risk.Events;

/// <summary>What one <see cref="ChainFollower.SyncAsync"/> did.</summary>
public enum FollowResult
{
    /// <summary>Nothing new on the chain.</summary>
    UpToDate,
    /// <summary>New blocks' logs applied.</summary>
    Applied,
    /// <summary>A reorg: rolled back to the common ancestor, then the new chain's logs applied.</summary>
    RolledBack,
    /// <summary>The fork is older than the journal: reload the mirror with <see cref="ChainLoader"/>.</summary>
    ReloadNeeded,
}
