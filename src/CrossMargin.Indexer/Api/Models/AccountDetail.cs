namespace CrossMargin.Indexer.Api.Models;

/// <summary>GET /accounts/{id}: balances and positions as indexed, health by the risk engine at the latest indexed prices.</summary>
public sealed record AccountDetail(long Id, string Owner, string Mode, IReadOnlyList<BalanceView> Balances, IReadOnlyList<PositionView> Positions, AccountHealth? Health, long IndexedBlock);
