using System.Data.Common;
using System.Numerics;
using CrossMargin.Ethereum.Primitives;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using SQLitePCL;

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
/// Writes many rows of one table in the caller's transaction (SQLite: the transaction open on the connection).
/// SQLite: one prepared statement on the connection's handle, bound by position and stepped per row. PostgreSQL: one
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
            SqliteConnection sqlite => Task.FromResult(WriteSqlite(sqlite, rows)),
            NpgsqlConnection pg => WritePostgresAsync(pg, (NpgsqlTransaction)tx, rows, ct),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
    }

    private string ColumnList => string.Join(", ", Columns.Select(c => c.Name));

    // SQLite runs in-process, so the cost per row is the driver's, not a round trip: Microsoft.Data.Sqlite looks every
    // parameter up by name on each execute. The statement is therefore stepped on the connection's own handle (same
    // connection, so inside the open transaction): prepared once, bound by position, reset per row.
    private int WriteSqlite(SqliteConnection connection, IReadOnlyCollection<T> rows)
    {
        var db = connection.Handle!;
        var sql = $"INSERT INTO {Table} ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => "?" + (i + 1)))}) {Conflict}";
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        using (statement)
        {
            foreach (var row in rows)
            {
                var values = Values(row);
                for (var i = 0; i < values.Length; i++)
                {
                    Check(Columns[i].Kind switch
                    {
                        ColumnKind.Int64 => raw.sqlite3_bind_int64(statement, i + 1, (long)values[i]),
                        ColumnKind.Int32 => raw.sqlite3_bind_int64(statement, i + 1, (int)values[i]),
                        ColumnKind.Text => raw.sqlite3_bind_text(statement, i + 1, (string)values[i]),
                        _ => raw.sqlite3_bind_text(statement, i + 1, NumericText(values[i])),
                    }, db);
                }
                var rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                    Check(rc, db);
                Check(raw.sqlite3_reset(statement), db);
            }
        }
        return rows.Count;
    }

    private static void Check(int rc, sqlite3 db)
    {
        if (rc != raw.SQLITE_OK)
            SqliteException.ThrowExceptionForRC(rc, db);
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
