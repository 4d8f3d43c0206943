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
        for (var r = 0; r < rows.Count; r++)
        {
            await writer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            if (withOrder) await writer.WriteAsync(r, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            var row = rows[r];
            for (var c = 0; c < row.Length; c++)
            {
                if (row[c] is null) await writer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
                else await writer.WriteAsync(row[c], types[c], cancellationToken).ConfigureAwait(false);
            }
        }
        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
