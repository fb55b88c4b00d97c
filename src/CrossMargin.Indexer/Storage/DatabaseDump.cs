using System.Globalization;
using System.Numerics;
using System.Text;

namespace CrossMargin.Indexer.Storage;

/// <summary>
/// Every indexed table as canonical text (rows in primary-key order, values in invariant decimal form), so two
/// databases — SQLite or PostgreSQL, crashed or not — can be compared for identity.
/// </summary>
internal static class DatabaseDump
{
    private static readonly (string Table, string Order)[] Tables =
    [
        ("meta", "key"), ("checkpoint", "id"), ("blocks", "number"), ("assets", "address"), ("accounts", "id"),
        ("operator_events", "block, log_index"), ("operators", "account, operator"),
        ("collateral_updates", "block, log_index"), ("balances", "account, asset"),
        ("position_updates", "block, log_index"), ("positions", "account, market"),
        ("liquidations", "block, log_index"), ("collateral_liquidations", "block, log_index"), ("bad_debts", "block, log_index"),
        ("price_updates", "block, log_index"), ("prices", "feed"),
        ("market_events", "block, log_index"), ("markets", "market"),
        ("collateral_events", "block, log_index"), ("collaterals", "asset"),
        ("correlation_events", "block, log_index"), ("correlations", "i, j"),
        ("global_events", "block, log_index, name"), ("globals", "name"),
    ];

    public static async Task<string> DumpAsync(IndexerDatabase db, CancellationToken ct)
    {
        var text = new StringBuilder();
        await using var connection = await db.OpenReadAsync(ct).ConfigureAwait(false);
        foreach (var (table, order) in Tables)
        {
            text.Append("## ").AppendLine(table);
            await using var command = connection.CreateCommand();
            // Identifiers come from the fixed list above, never from input.
            command.CommandText = $"SELECT * FROM {table} ORDER BY {order}";
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (i > 0)
                        text.Append('|');
                    text.Append(reader.IsDBNull(i) ? "null"
                        : reader.GetDataTypeName(i).StartsWith("numeric", StringComparison.Ordinal) ? reader.GetFieldValue<BigInteger>(i).ToString(CultureInfo.InvariantCulture)
                        : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture));
                }
                text.AppendLine();
            }
        }
        return text.ToString();
    }
}
