namespace CrossMargin.Keeper.Book;

/// <summary>
/// The persisted book: log position, every account's state, feed answers, net sizes and decimals (JSON, integers as
/// decimal strings). Parameters are not stored: they are re-read from the engine's few listing/parameter logs.
/// </summary>
internal sealed record Checkpoint
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public required string Engine { get; init; }
    public required ulong ChainId { get; init; }
    public required ulong Block { get; init; }
    public required bool Complete { get; init; }
    public string? BlockHash { get; init; }
    public required List<ulong> Indices { get; init; }
    public required Dictionary<string, byte> Decimals { get; init; }
    public required Dictionary<string, string> Answers { get; init; }
    public required List<string> NetSize { get; init; }
    public required List<AccountRow> Accounts { get; init; }
}
