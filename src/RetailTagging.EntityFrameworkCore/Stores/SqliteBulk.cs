using System.Data.Common;
using System.Text;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Multi-row statements on SQLite: one prepared <c>INSERT ... VALUES (...), (...)</c> per block of rows, reused for every full block.</summary>
internal static class SqliteBulk
{
    // Microsoft.Data.Sqlite binds each parameter by looking its name up, which costs time quadratic in the parameter
    // count of a statement: a few hundred parameters per statement is the sweet spot (measured; see docs/persistence.md).
    private const int MaxParameters = 260;

    /// <summary>Inserts <paramref name="rows"/>; when <paramref name="suffix"/> has <c>RETURNING</c> one column, returns those values.</summary>
    public static async Task<List<string>> InsertAsync(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, string suffix, CancellationToken cancellationToken)
    {
        var returned = new List<string>();
        var perBlock = Math.Max(1, MaxParameters / columns.Count);
        DbCommand? full = null;
        try
        {
            for (var start = 0; start < rows.Count; start += perBlock)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var count = Math.Min(perBlock, rows.Count - start);
                DbCommand command;
                if (count == perBlock) command = full ??= Prepare(connection, transaction, table, columns, perBlock, suffix);
                else command = Prepare(connection, transaction, table, columns, count, suffix);
                var p = 0;
                for (var r = start; r < start + count; r++)
                    foreach (var value in rows[r]) command.Parameters[p++].Value = value ?? DBNull.Value;
                if (suffix.Contains("RETURNING", StringComparison.Ordinal))
                {
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) returned.Add(reader.GetString(0));
                }
                else await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                if (!ReferenceEquals(command, full)) await command.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            if (full is not null) await full.DisposeAsync().ConfigureAwait(false);
        }
        return returned;
    }

    private static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, int rows, string suffix)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var sql = new StringBuilder(64 + rows * columns.Count * 6);
        sql.Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0) sql.Append(", ");
                var name = "@p" + p++;
                sql.Append(name);
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }
            sql.Append(')');
        }
        sql.Append(' ').Append(suffix);
        command.CommandText = sql.ToString();
        command.Prepare();
        return command;
    }
}
