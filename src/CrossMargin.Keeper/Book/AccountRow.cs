namespace CrossMargin.Keeper.Book;

/// <summary>One account in a checkpoint: non-zero balances by collateral index, positions by market id as [size, openNotional].</summary>
internal sealed record AccountRow(ulong Id, int Mode, string Quote, Dictionary<int, string> Balances, Dictionary<int, string[]> Positions);
