namespace CrossMargin.Indexer.Api.Models;

/// <summary>The engine's Health (WAD USD, exact decimal strings) and whether NLV_hm < MM.</summary>
public sealed record AccountHealth(string NlvMaint, string NlvInit, string Mm, string Im, bool Liquidatable);
