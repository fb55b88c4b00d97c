namespace CrossMargin.Keeper.Book;

/// <summary>What an applied log changed: decides whether a pass runs (price tick) and what the screen must redo.</summary>
internal enum LogEffect
{
    None,
    Price,
    Account,
    Parameters,
}
