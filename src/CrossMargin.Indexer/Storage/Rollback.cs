using System.Data.Common;
using Dapper;

namespace CrossMargin.Indexer.Storage;

/// <summary>
/// Undoes every block above <c>block</c> exactly, in the caller's transaction: history rows carry their block, and
/// each state row is either untouched (its latest event is at or below the fork) or re-derived from the history left.
/// </summary>
internal static class Rollback
{
    private static readonly string[] PlainTables = ["accounts", "liquidations", "collateral_liquidations", "bad_debts", "assets"];
    private const string DeleteBlocks = "DELETE FROM blocks WHERE number > @block";

    public static async Task ToBlockAsync(DbConnection connection, DbTransaction tx, long block)
    {
        foreach (var table in DerivedTable.All)
        {
            var keys = (await connection.QueryAsync(table.SelectAffectedKeys, new { block }, tx).ConfigureAwait(false))
                .Select(row => new DynamicParameters((object)row))
                .ToList();
            await connection.ExecuteAsync(table.DeleteState, new { block }, tx).ConfigureAwait(false);
            await connection.ExecuteAsync(table.DeleteHistory, new { block }, tx).ConfigureAwait(false);
            if (keys.Count > 0)
                await connection.ExecuteAsync(table.Rederive, keys, tx).ConfigureAwait(false);
        }
        foreach (var table in PlainTables)
            await connection.ExecuteAsync($"DELETE FROM {table} WHERE block > @block", new { block }, tx).ConfigureAwait(false);
        await connection.ExecuteAsync(DeleteBlocks, new { block }, tx).ConfigureAwait(false);
    }
}
