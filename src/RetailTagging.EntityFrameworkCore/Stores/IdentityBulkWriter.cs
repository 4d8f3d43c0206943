using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// The identity store's writes as set-based SQL in the caller's transaction, without change tracking or a pre-read:
/// source records upserted by id (the stored customer assignment left as it is), their identifiers replaced, rows
/// appended, and record assignments updated. Multi-row prepared statements on SQLite; binary COPY (into a staging
/// table where rows are merged) on PostgreSQL, in key order so parallel writers queue instead of deadlocking.
/// </summary>
internal static class IdentityBulkWriter
{
    private static readonly NpgsqlDbType[] RecordTypes =
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Bytea, NpgsqlDbType.Text];

    private static readonly NpgsqlDbType[] IdentifierTypes =
        [NpgsqlDbType.Text, NpgsqlDbType.Integer, NpgsqlDbType.Text, NpgsqlDbType.Bytea, NpgsqlDbType.Bytea];

    private static readonly NpgsqlDbType[] ChangeTypes =
        [NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text];

    private static readonly NpgsqlDbType[] AuditTypes =
        [NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text];

    /// <summary>
    /// Inserts or replaces <paramref name="records"/> (distinct ids; values in <see cref="IdentityRowMapper.RecordColumns"/>
    /// order, id first) and replaces all identifiers of those records with <paramref name="identifiers"/>.
    /// </summary>
    public static async Task SaveRecordsAsync(DbContext context, IReadOnlyList<object?[]> records, IReadOnlyList<object?[]> identifiers, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Current(context);
        var recordMap = TableMap.For<SourceRecordRow>(context);
        var identifierMap = TableMap.For<SourceIdentifierRow>(context);
        var recordColumns = IdentityRowMapper.RecordColumns.Select(c => recordMap[c]).ToArray();
        var identifierColumns = IdentityRowMapper.IdentifierColumns.Select(c => identifierMap[c]).ToArray();
        var key = recordMap[nameof(SourceRecordRow.Id)];
        // Every column but the id: the customer id is not among them, so an existing record keeps its assignment.
        var conflict = $"ON CONFLICT ({key}) DO UPDATE SET {string.Join(", ", recordColumns.Skip(1).Select(c => $"{c} = excluded.{c}"))}";
        var ids = records.Select(r => (string)r[0]!).ToArray();
        if (connection is NpgsqlConnection pg)
        {
            const string staging = "rt_staging_source_records";
            var staged = recordColumns.Select((_, i) => ("c" + i, PostgresSqlType(RecordTypes[i]))).ToArray();
            await PostgresBulk.CreateStagingAsync(pg, staging, staged, cancellationToken).ConfigureAwait(false);
            await PostgresBulk.CopyAsync(pg, staging, [.. staged.Select(s => s.Item1)], RecordTypes, records, withOrder: true, cancellationToken).ConfigureAwait(false);
            // The upsert locks the records first (in key order), so a concurrent writer of the same records waits here
            // and then replaces the identifiers after this transaction, never interleaved with it.
            await ExecuteAsync(pg, transaction,
                $"INSERT INTO {recordMap.Table} ({string.Join(", ", recordColumns)}) SELECT {string.Join(", ", staged.Select(s => s.Item1))} FROM {staging} ORDER BY c0 {conflict}",
                [], cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(pg, transaction, $"DELETE FROM {identifierMap.Table} WHERE {identifierMap[nameof(SourceIdentifierRow.RecordId)]} = ANY(@ids)",
                [new NpgsqlParameter("ids", ids)], cancellationToken).ConfigureAwait(false);
            if (identifiers.Count > 0)
                await PostgresBulk.CopyAsync(pg, identifierMap.Table, identifierColumns, IdentifierTypes, identifiers, withOrder: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        await SqliteBulk.InsertAsync(connection, transaction, recordMap.Table, recordColumns, records, conflict, cancellationToken).ConfigureAwait(false);
        // The identifiers' primary key starts with the record id: one index seek per record, however large the table.
        // One array/JSON parameter, not one per id (EF Core 10's default; SQLite binds by a linear name search).
        await context.Set<SourceIdentifierRow>().Where(i => EF.Parameter(ids).Contains(i.RecordId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await SqliteBulk.InsertAsync(connection, transaction, identifierMap.Table, identifierColumns, identifiers, "", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends merge/split history rows and their audit entries (values in the mappers' column order).</summary>
    public static async Task AppendChangesAsync(DbContext context, IReadOnlyList<object?[]> changes, IReadOnlyList<object?[]> audits, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Current(context);
        var changeMap = TableMap.For<IdentityChangeRow>(context);
        var auditMap = TableMap.For<AuditLogRow>(context);
        var changeColumns = IdentityRowMapper.ChangeColumns.Select(c => changeMap[c]).ToArray();
        var auditColumns = IdentityRowMapper.AuditColumns.Select(c => auditMap[c]).ToArray();
        if (connection is NpgsqlConnection pg)
        {
            await PostgresBulk.CopyAsync(pg, changeMap.Table, changeColumns, ChangeTypes, changes, withOrder: false, cancellationToken).ConfigureAwait(false);
            await PostgresBulk.CopyAsync(pg, auditMap.Table, auditColumns, AuditTypes, audits, withOrder: false, cancellationToken).ConfigureAwait(false);
            return;
        }
        await SqliteBulk.InsertAsync(connection, transaction, changeMap.Table, changeColumns, changes, "", cancellationToken).ConfigureAwait(false);
        await SqliteBulk.InsertAsync(connection, transaction, auditMap.Table, auditColumns, audits, "", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets the customer of each stored record in <paramref name="assignments"/> (distinct record ids); unknown records are skipped.</summary>
    public static async Task SaveAssignmentsAsync(DbContext context, IReadOnlyList<(string RecordId, string CustomerId)> assignments, CancellationToken cancellationToken)
    {
        var (connection, transaction) = Current(context);
        var map = TableMap.For<SourceRecordRow>(context);
        var id = map[nameof(SourceRecordRow.Id)];
        var customer = map[nameof(SourceRecordRow.CustomerId)];
        if (connection is NpgsqlConnection pg)
        {
            await RowLocks.LockAsync<SourceRecordRow>(context, nameof(SourceRecordRow.Id), assignments.Select(a => a.RecordId).ToArray(), cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(pg, transaction,
                $"UPDATE {map.Table} t SET {customer} = s.customer_id FROM unnest(@records, @customers) AS s(record_id, customer_id) WHERE t.{id} = s.record_id",
                [new NpgsqlParameter("records", assignments.Select(a => a.RecordId).ToArray()), new NpgsqlParameter("customers", assignments.Select(a => a.CustomerId).ToArray())],
                cancellationToken).ConfigureAwait(false);
            return;
        }
        // One prepared statement, executed per record: a primary-key seek each, no statement compiled per call.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE {map.Table} SET {customer} = @customer WHERE {id} = @record";
        var record = command.CreateParameter();
        record.ParameterName = "@record";
        var customerParameter = command.CreateParameter();
        customerParameter.ParameterName = "@customer";
        command.Parameters.Add(record);
        command.Parameters.Add(customerParameter);
        command.Prepare();
        foreach (var (recordId, customerId) in assignments)
        {
            record.Value = recordId;
            customerParameter.Value = customerId;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static (DbConnection Connection, DbTransaction Transaction) Current(DbContext context)
    {
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The identity store's bulk writes run in an open transaction.");
        return (context.Database.GetDbConnection(), transaction.GetDbTransaction());
    }

    private static string PostgresSqlType(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.TimestampTz => "timestamptz",
        NpgsqlDbType.Integer => "integer",
        NpgsqlDbType.Bytea => "bytea",
        _ => "text",
    };

    private static async Task ExecuteAsync(NpgsqlConnection pg, DbTransaction transaction, string sql, NpgsqlParameter[] parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, pg, (NpgsqlTransaction)transaction);
        command.Parameters.AddRange(parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
