namespace CrossMargin.Indexer.Rows;

/// <summary>An AccountOpened event: the account row itself (accounts are never re-opened).</summary>
internal sealed record AccountRow(long Id, string Owner, int Mode, long Block, int LogIndex);
