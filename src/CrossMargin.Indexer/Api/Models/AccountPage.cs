namespace CrossMargin.Indexer.Api.Models;

/// <summary>A page of accounts; pass <c>next</c> as <c>after</c> for the following page (null at the end).</summary>
public sealed record AccountPage(IReadOnlyList<AccountSummary> Items, long? Next);
