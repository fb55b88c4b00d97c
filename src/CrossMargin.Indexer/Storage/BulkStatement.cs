using System.Data.Common;
using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace CrossMargin.Indexer.Storage;

/// <summary>How a column's values are bound: 64-bit, 32-bit, text, or exact 256-bit (TEXT in SQLite, NUMERIC in PostgreSQL).</summary>
internal enum ColumnKind
{
    Int64,
    Int32,
    Text,
    Numeric,
}

/// <summary>
/// Writes many rows of one table in the caller's transaction. SQLite: a prepared multi-row INSERT (32 rows per step),
/// rebound per chunk. PostgreSQL: one
/// round trip per call, <c>INSERT … SELECT * FROM unnest(array, array, …)</c> with one typed array per column.
/// Dapper stays the way rows are read; this is only the write path of a batch, where per-row commands cost most.
/// </summary>
/// <param name="Conflict">appended as is: "" (plain insert), "ON CONFLICT … DO NOTHING" or "… DO UPDATE SET …".</param>
internal sealed record BulkStatement<T>(string Table, IReadOnlyList<(string Name, ColumnKind Kind)> Columns, Func<T, object[]> Values, string Conflict = "")
{
    /// <summary>The same rows written to another table, keeping only the named columns (history row → state row).</summary>
    public BulkStatement<T> Project(string table, IReadOnlyList<string> columns, string conflict)
    {
        var indices = columns.Select(c => Columns.ToList().FindIndex(x => x.Name == c)).ToArray();
        if (indices.Any(i => i < 0))
            throw new ArgumentException($"{Table} lacks one of {string.Join(", ", columns)}", nameof(columns));
        var all = Values;
        return new BulkStatement<T>(table, indices.Select(i => Columns[i]).ToList(), r =>
        {
            var v = all(r);
            return indices.Select(i => v[i]).ToArray();
        }, conflict);
    }

    public Task WriteAsync(DbConnection connection, DbTransaction tx, IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
            return Task.CompletedTask;
        return connection switch
        {
            SqliteConnection sqlite => Task.FromResult(WriteSqlite(sqlite, (SqliteTransaction)tx, rows)),
            NpgsqlConnection pg => WritePostgresAsync(pg, (NpgsqlTransaction)tx, rows, ct),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
    }

    private string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    private int WriteSqlite(SqliteConnection connection, SqliteTransaction tx, IReadOnlyCollection<T> rows)
    {
        var written = 0;
        var pending = new List<T>(SqliteRowsPerStatement);
        using var full = SqliteCommand(connection, tx, Math.Min(SqliteRowsPerStatement, rows.Count));
        foreach (var row in rows)
        {
            pending.Add(row);
            if (pending.Count == SqliteRowsPerStatement)
            {
                written += Execute(full, pending);
                pending.Clear();
            }
        }
        if (pending.Count == 0)
            return written;
        if (pending.Count == full.Parameters.Count / Columns.Count)
            return written + Execute(full, pending);
        using var rest = SqliteCommand(connection, tx, pending.Count);
        return written + Execute(rest, pending);
    }

    // Rows per SQLite statement: each execute has a fixed managed cost (reader, reset), so binding 32 rows per step
    // amortises it; 32 × 11 columns stays far below SQLite's 32,766 parameters.
    private const int SqliteRowsPerStatement = 32;

    private SqliteCommand SqliteCommand(SqliteConnection connection, SqliteTransaction tx, int rowCount)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        var tuples = Enumerable.Range(0, rowCount).Select(r => "(" + string.Join(", ", Columns.Select((_, c) => $"$p{r}_{c}")) + ")");
        command.CommandText = $"INSERT INTO {Table} ({ColumnList}) VALUES {string.Join(", ", tuples)} {Conflict}";
        for (var r = 0; r < rowCount; r++)
        {
            for (var c = 0; c < Columns.Count; c++)
                command.Parameters.Add(new SqliteParameter($"$p{r}_{c}", null));
        }
        command.Prepare();
        return command;
    }

    private int Execute(SqliteCommand command, List<T> rows)
    {
        var p = 0;
        foreach (var row in rows)
        {
            var values = Values(row);
            for (var c = 0; c < values.Length; c++)
                command.Parameters[p++].Value = Columns[c].Kind == ColumnKind.Numeric ? NumericText(values[c]) : values[c];
        }
        return command.ExecuteNonQuery();
    }

    private async Task WritePostgresAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyCollection<T> rows, CancellationToken ct)
    {
        var arrays = Columns.Select(c => NewArray(c.Kind, rows.Count)).ToArray();
        var r = 0;
        foreach (var row in rows)
        {
            var values = Values(row);
            for (var i = 0; i < arrays.Length; i++)
                arrays[i].SetValue(Columns[i].Kind == ColumnKind.Numeric ? NumericValue(values[i]) : values[i], r);
            r++;
        }
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {Table} ({ColumnList}) SELECT * FROM unnest({string.Join(", ", Columns.Select((_, i) => "$" + (i + 1)))}) {Conflict}", connection, tx);
        for (var i = 0; i < arrays.Length; i++)
            command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | PgType(Columns[i].Kind), Value = arrays[i] });
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static Array NewArray(ColumnKind kind, int length) => kind switch
    {
        ColumnKind.Int64 => new long[length],
        ColumnKind.Int32 => new int[length],
        ColumnKind.Text => new string[length],
        _ => new BigInteger[length],
    };

    private static NpgsqlDbType PgType(ColumnKind kind) => kind switch
    {
        ColumnKind.Int64 => NpgsqlDbType.Bigint,
        ColumnKind.Int32 => NpgsqlDbType.Integer,
        ColumnKind.Text => NpgsqlDbType.Text,
        _ => NpgsqlDbType.Numeric,
    };

    // Same exact decimal text that NumericTypeHandlers writes through Dapper, so both paths store identical values.
    private static string NumericText(object value) => value switch
    {
        UInt256 u => u.ToString(),
        Int256 s => s.ToString(),
        _ => throw new ArgumentException($"not a 256-bit value: {value.GetType().Name}", nameof(value)),
    };

    private static BigInteger NumericValue(object value) => value switch
    {
        UInt256 u => u,
        Int256 s => s,
        _ => throw new ArgumentException($"not a 256-bit value: {value.GetType().Name}", nameof(value)),
    };
}
