namespace CrossMargin.Indexer.Rows;

/// <summary>A named engine-wide value (alpha, k_im, keeper_share, insurance_fund, vault_balance, vault) set by an event.</summary>
internal sealed record GlobalRow(long Block, int LogIndex, string Name, string Value);
