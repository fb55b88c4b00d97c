namespace CrossMargin.Indexer.Api.Models;

/// <summary>One AnswerUpdated: raw answer, the same normalised to WAD, round id, updatedAt and block.</summary>
public sealed record PricePoint(string Answer, string Wad, string Round, long UpdatedAt, long Block);
