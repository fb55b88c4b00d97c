namespace CrossMargin.Keeper.Book;

/// <summary>
/// The persisted book: log position, every account's state, feed answers and net sizes (JSON, integers as
/// decimal strings). Parameters (with the quote and every decimals) are not stored: they are re-read from the engine's few
/// creation/listing/parameter logs.
/// </summary>
internal sealed record Checkpoint
{
    // 2: decimals no longer stored (listing events carry them); the quote comes from EngineCreated.
    public const int CurrentVersion = 2;

    public int Version { get; init; } = CurrentVersion;
    public required string Engine { get; init; }
    public required ulong ChainId { get; init; }
    public required ulong Block { get; init; }
    public required bool Complete { get; init; }
    public string? BlockHash { get; init; }
    public required List<ulong> Indices { get; init; }
    public required Dictionary<string, string> Answers { get; init; }
    public required List<string> NetSize { get; init; }
    public required List<AccountRow> Accounts { get; init; }
}
