using Npgsql;
using NpgsqlTypes;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Binary COPY on PostgreSQL, into a table or into a temporary staging table that set-based statements then merge.</summary>
internal static class PostgresBulk
{
    /// <summary>Creates a staging table dropped at commit: <paramref name="columns"/> as (name, SQL type) plus an <c>ord</c> column keeping the input order.</summary>
    public static async Task CreateStagingAsync(NpgsqlConnection connection, string name, IReadOnlyList<(string Name, string Type)> columns, CancellationToken cancellationToken)
    {
        var sql = $"CREATE TEMP TABLE {name} (ord integer, {string.Join(", ", columns.Select(c => c.Name + " " + c.Type))}) ON COMMIT DROP";
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Copies rows into <paramref name="table"/> (with an <c>ord</c> first column when <paramref name="withOrder"/>).</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, string table, IReadOnlyList<string> columns, IReadOnlyList<NpgsqlDbType> types,
        IReadOnlyList<object?[]> rows, bool withOrder, CancellationToken cancellationToken)
    {
        var list = withOrder ? "ord, " + string.Join(", ", columns) : string.Join(", ", columns);
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {table} ({list}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        // Synchronous, typed writes: the values go into the importer's buffer, which flushes to the socket only when
        // full (every few kB). One awaited, boxed WriteAsync per value cost most of the client's time per row (measured).
        for (var r = 0; r < rows.Count; r++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.StartRow();
            if (withOrder) writer.Write(r, NpgsqlDbType.Integer);
            var row = rows[r];
            for (var c = 0; c < row.Length; c++) WriteValue(writer, row[c], types[c]);
        }
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes one value with the generic, non-boxing overload of its CLR type; other types take the object overload.</summary>
    public static void WriteValue(NpgsqlBinaryImporter writer, object? value, NpgsqlDbType type)
    {
        switch (value)
        {
            case null: writer.WriteNull(); break;
            case string s: writer.Write(s, type); break;
            case DateTime d: writer.Write(d, type); break;
            case decimal m: writer.Write(m, type); break;
            case long l: writer.Write(l, type); break;
            case int i: writer.Write(i, type); break;
            case bool b: writer.Write(b, type); break;
            default: writer.Write(value, type); break;
        }
    }
}
