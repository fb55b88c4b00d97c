namespace CrossMargin.Indexer.Hosting;

/// <summary>
/// Where a backfill stands: blocks from <see cref="StartBlock"/> (the checkpoint this run resumed from) to
/// <see cref="TargetBlock"/> (the head seen at start, then the live head), events committed, the current rate and an ETA.
/// </summary>
/// <param name="EventsPerSecond">over the last progress interval (the current speed).</param>
/// <param name="BlocksPerSecond">since the run started (steadier, so the ETA does not jump with one dense range).</param>
/// <param name="Eta">null until a rate is known; zero once the target is reached.</param>
public sealed record BackfillProgress(long StartBlock, long IndexedBlock, long TargetBlock, long Events, double EventsPerSecond, double BlocksPerSecond, TimeSpan? Eta)
{
    public static BackfillProgress None { get; } = new(-1, -1, -1, 0, 0, 0, null);

    /// <summary>0..1 of this run's blocks done.</summary>
    public double Fraction => TargetBlock <= StartBlock ? 1 : Math.Clamp((double)(IndexedBlock - StartBlock) / (TargetBlock - StartBlock), 0, 1);
}
