using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Event appends on PostgreSQL. The optimistic path copies a chunk straight into the events table in its own
/// transaction: when every id is new (the usual ingest) that is the whole cost. A unique violation rolls that
/// transaction back, so nothing of the chunk is stored, and the chunk then takes the merge path: COPY into a
/// staging table, then <c>INSERT ... SELECT ... ON CONFLICT DO NOTHING RETURNING id</c>, which stores exactly the new ids.
/// </summary>
internal static class PostgresEventWriter
{
    private static readonly NpgsqlDbType[] Types =
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Numeric,
         NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Numeric, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz];

    private static readonly string[] SqlTypes =
        ["text", "text", "text", "timestamptz", "text", "text", "numeric", "text", "text", "text", "numeric", "text", "timestamptz"];

    private const string Staging = "rt_staging_events";

    /// <summary>
    /// Copies <paramref name="rows"/> (ids distinct, in <see cref="EventRowMapper.Columns"/> order) into the events table
    /// and commits; false, with nothing stored, when one of the ids is stored already (or is being stored by a concurrent writer that committed).
    /// </summary>
    public static async Task<bool> TryCopyNewAsync(DbContext context, NpgsqlConnection connection, TableMap map, IReadOnlyList<string> columns,
        List<object?[]> rows, CancellationToken cancellationToken)
    {
        // Every writer takes the keys in the same (ordinal) order, so two writers of overlapping chunks wait for each other
        // on the unique index instead of deadlocking; sorted keys also make the index inserts more local.
        rows.Sort((a, b) => string.CompareOrdinal((string)a[0]!, (string)b[0]!));
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await PostgresBulk.CopyAsync(connection, map.Table, columns, Types, rows, withOrder: false, cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // The failed COPY stored nothing; its transaction is aborted and must be rolled back before the merge path.
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Stores the rows whose id is not stored yet and returns those ids; one transaction.</summary>
    public static async Task<List<string>> MergeAsync(DbContext context, NpgsqlConnection connection, TableMap map, IReadOnlyList<string> columns,
        IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var staged = Enumerable.Range(0, columns.Count).Select(i => ("c" + i, SqlTypes[i])).ToArray();
        await PostgresBulk.CreateStagingAsync(connection, Staging, staged, cancellationToken).ConfigureAwait(false);
        await PostgresBulk.CopyAsync(connection, Staging, staged.Select(s => s.Item1).ToArray(), Types, rows, withOrder: true, cancellationToken).ConfigureAwait(false);
        var id = map[nameof(Entities.EventRow.Id)];
        // Inserting in key order makes parallel writers of overlapping events wait for each other instead of deadlocking.
        var sql = $"INSERT INTO {map.Table} ({string.Join(", ", columns)}) SELECT {string.Join(", ", staged.Select(s => s.Item1))} FROM {Staging} ORDER BY c0 " +
                  $"ON CONFLICT ({id}) DO NOTHING RETURNING {id}";
        var inserted = new List<string>();
        await using (var command = new NpgsqlCommand(sql, connection, (NpgsqlTransaction)transaction.GetDbTransaction()))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) inserted.Add(reader.GetString(0));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted;
    }
}
