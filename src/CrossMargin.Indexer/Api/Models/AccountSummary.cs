namespace CrossMargin.Indexer.Api.Models;

/// <summary>One row of GET /accounts; health fields are present when the request filtered on health.</summary>
public sealed record AccountSummary(long Id, string Owner, string Mode, AccountHealth? Health = null);
