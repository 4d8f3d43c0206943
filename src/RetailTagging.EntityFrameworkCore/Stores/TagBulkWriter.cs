using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Writes many customers' tag sets in the caller's transaction with set-based SQL: reads the current rows once,
/// writes only the assignment rows that differ, appends history, and guards each customer with the version of its
/// <see cref="TagSetRow"/>, so a concurrent writer makes the whole unit fail with <see cref="DbUpdateConcurrencyException"/>
/// (to be retried) instead of losing an update.
/// </summary>
internal static class TagBulkWriter
{
    private static readonly string[] SetColumns = [nameof(TagSetRow.CustomerId), nameof(TagSetRow.AsOfUtc), nameof(TagSetRow.Version)];
    private static readonly string[] AssignmentColumns =
        [nameof(TagAssignmentRow.CustomerId), nameof(TagAssignmentRow.Tag), nameof(TagAssignmentRow.Value), nameof(TagAssignmentRow.AssignedAtUtc),
         nameof(TagAssignmentRow.ExpiresAtUtc), nameof(TagAssignmentRow.Source), nameof(TagAssignmentRow.RuleVersion), nameof(TagAssignmentRow.Version)];
    private static readonly NpgsqlDbType[] AssignmentTypes =
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Bigint];
    private static readonly string[] HistoryColumns =
        [nameof(TagHistoryRow.CustomerId), nameof(TagHistoryRow.Tag), nameof(TagHistoryRow.Kind), nameof(TagHistoryRow.OldValue), nameof(TagHistoryRow.NewValue),
         nameof(TagHistoryRow.AtUtc), nameof(TagHistoryRow.Source), nameof(TagHistoryRow.RuleVersion), nameof(TagHistoryRow.Reason), nameof(TagHistoryRow.RunId)];
    private static readonly NpgsqlDbType[] HistoryTypes =
        [NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text, NpgsqlDbType.Text];

    // Inserts are assignment rows the customer does not have (read under the tag-set row lock), Upserts the ones that change.
    private sealed record Plan(List<object?[]> NewSets, List<object?[]> ChangedSets, List<object?[]> Inserts, List<object?[]> Upserts, List<object?[]> Deletes, List<object?[]> History, int Customers);

    public static async Task<TagSaveResult> WriteAsync(DbContext context, IReadOnlyList<TagSetUpdate> updates, string? runId, CancellationToken cancellationToken)
    {
        var transaction = context.Database.CurrentTransaction
            ?? throw new InvalidOperationException("SaveManyAsync with a caller's context needs an open transaction (context.Database.BeginTransactionAsync()).");
        Providers.EnsureSupported(context);
        var plan = await PlanAsync(context, updates, runId, cancellationToken).ConfigureAwait(false);
        if (plan.Customers == 0) return new TagSaveResult(0, 0, 0);
        var connection = context.Database.GetDbConnection();
        var tx = transaction.GetDbTransaction();
        if (connection is NpgsqlConnection pg) await WritePostgresAsync(context, pg, plan, cancellationToken).ConfigureAwait(false);
        else
        {
            await using var cache = await SqlitePageCache.RaiseAsync(connection, tx, cancellationToken).ConfigureAwait(false);
            await WriteSqliteAsync(context, connection, tx, plan, cancellationToken).ConfigureAwait(false);
        }
        return new TagSaveResult(plan.Customers, plan.Inserts.Count + plan.Upserts.Count + plan.Deletes.Count, plan.History.Count);
    }

    private static async Task<Plan> PlanAsync(DbContext context, IReadOnlyList<TagSetUpdate> updates, string? runId, CancellationToken cancellationToken)
    {
        // The same customer twice in one call: the later set wins, the changes of both are kept in order.
        var byCustomer = new Dictionary<string, (TagSetUpdate Last, List<Engine.TagChange> Changes)>(StringComparer.Ordinal);
        foreach (var update in updates)
        {
            ArgumentNullException.ThrowIfNull(update);
            if (byCustomer.TryGetValue(update.Tags.CustomerId, out var earlier)) { earlier.Changes.AddRange(update.Changes); byCustomer[update.Tags.CustomerId] = (update, earlier.Changes); }
            else byCustomer[update.Tags.CustomerId] = (update, [.. update.Changes]);
        }
        var ids = byCustomer.Keys.ToArray();
        await RowLocks.LockAsync<TagSetRow>(context, nameof(TagSetRow.CustomerId), ids, cancellationToken).ConfigureAwait(false);
        // EF.Parameter: the ids go as one array (PostgreSQL) or JSON (SQLite, json_each) parameter. EF Core 10 would otherwise
        // send one parameter per id, and SQLite binds parameters by a linear name search: quadratic in the batch size.
        var sets = await context.Set<TagSetRow>().AsNoTracking().Where(s => EF.Parameter(ids).Contains(s.CustomerId))
            .ToDictionaryAsync(s => s.CustomerId, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var current = (await context.Set<TagAssignmentRow>().AsNoTracking().Where(a => EF.Parameter(ids).Contains(a.CustomerId)).ToListAsync(cancellationToken).ConfigureAwait(false))
            .ToLookup(a => a.CustomerId, StringComparer.Ordinal);

        var plan = new Plan([], [], [], [], [], [], 0);
        var customers = 0;
        foreach (var (customerId, (last, changes)) in byCustomer)
        {
            var stored = current[customerId].ToDictionary(a => a.Tag, StringComparer.Ordinal);
            var upserts = 0;
            foreach (var assignment in last.Tags.Values)
            {
                var wanted = TagRowMapper.ToRow(customerId, assignment);
                var target = plan.Inserts;
                if (stored.Remove(assignment.Tag, out var old))
                {
                    if (TagRowMapper.SameContent(old, wanted)) continue;
                    wanted.Version = old.Version + 1;
                    target = plan.Upserts;
                }
                target.Add([wanted.CustomerId, wanted.Tag, wanted.Value, wanted.AssignedAtUtc, wanted.ExpiresAtUtc, wanted.Source, wanted.RuleVersion, wanted.Version]);
                upserts++;
            }
            foreach (var gone in stored.Values) plan.Deletes.Add([customerId, gone.Tag]);
            foreach (var change in changes)
            {
                if (change.CustomerId != customerId) throw new ArgumentException($"A change of customer '{change.CustomerId}' came with the tag set of '{customerId}'.", nameof(updates));
                var row = TagRowMapper.ToRow(change, runId);
                plan.History.Add([row.CustomerId, row.Tag, row.Kind, row.OldValue, row.NewValue, row.AtUtc, row.Source, row.RuleVersion, row.Reason, row.RunId]);
            }
            if (upserts == 0 && stored.Count == 0 && changes.Count == 0) continue; // nothing changed: nothing written
            customers++;
            var asOf = Providers.Utc(last.Tags.AsOf);
            if (sets.TryGetValue(customerId, out var set)) plan.ChangedSets.Add([customerId, asOf, set.Version]);
            else plan.NewSets.Add([customerId, asOf, 1L]);
        }
        return plan with { Customers = customers };
    }

    private static async Task WriteSqliteAsync(DbContext context, DbConnection connection, DbTransaction tx, Plan plan, CancellationToken cancellationToken)
    {
        var sets = TableMap.For<TagSetRow>(context);
        var assignments = TableMap.For<TagAssignmentRow>(context);
        var history = TableMap.For<TagHistoryRow>(context);

        await SqliteBulk.InsertAsync(connection, tx, sets.Table, SetColumns.Select(c => sets[c]).ToArray(), plan.NewSets, "", cancellationToken).ConfigureAwait(false);
        await ExecuteEachAsync(connection, tx,
            $"UPDATE {sets.Table} SET {sets["AsOfUtc"]} = @p1, {sets["Version"]} = {sets["Version"]} + 1 WHERE {sets["CustomerId"]} = @p0 AND {sets["Version"]} = @p2",
            plan.ChangedSets, expectOne: true, cancellationToken).ConfigureAwait(false);
        var update = string.Join(", ", AssignmentColumns.Skip(2).Select(c => $"{assignments[c]} = excluded.{assignments[c]}"));
        await SqliteBulk.InsertAsync(connection, tx, assignments.Table, AssignmentColumns.Select(c => assignments[c]).ToArray(), [.. plan.Inserts, .. plan.Upserts],
            $"ON CONFLICT ({assignments["CustomerId"]}, {assignments["Tag"]}) DO UPDATE SET {update}", cancellationToken).ConfigureAwait(false);
        await ExecuteEachAsync(connection, tx, $"DELETE FROM {assignments.Table} WHERE {assignments["CustomerId"]} = @p0 AND {assignments["Tag"]} = @p1",
            plan.Deletes, expectOne: false, cancellationToken).ConfigureAwait(false);
        await SqliteBulk.InsertAsync(connection, tx, history.Table, HistoryColumns.Select(c => history[c]).ToArray(), plan.History, "", cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteEachAsync(DbConnection connection, DbTransaction tx, string sql, List<object?[]> rows, bool expectOne, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        for (var i = 0; i < rows[0].Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            command.Parameters.Add(parameter);
        }
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++) command.Parameters[i].Value = row[i] ?? DBNull.Value;
            var affected = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (expectOne && affected != 1)
                throw new DbUpdateConcurrencyException($"The tags of customer '{row[0]}' were changed by another writer.");
        }
    }

    private static async Task WritePostgresAsync(DbContext context, NpgsqlConnection pg, Plan plan, CancellationToken cancellationToken)
    {
        var sets = TableMap.For<TagSetRow>(context);
        var assignments = TableMap.For<TagAssignmentRow>(context);
        var history = TableMap.For<TagHistoryRow>(context);

        if (plan.NewSets.Count > 0)
            await PostgresBulk.CopyAsync(pg, sets.Table, SetColumns.Select(c => sets[c]).ToArray(), [NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Bigint], plan.NewSets, withOrder: false, cancellationToken).ConfigureAwait(false);
        if (plan.ChangedSets.Count > 0)
        {
            await PostgresBulk.CreateStagingAsync(pg, "rt_staging_sets", [("customer_id", "text"), ("as_of", "timestamptz"), ("expected", "bigint")], cancellationToken).ConfigureAwait(false);
            await PostgresBulk.CopyAsync(pg, "rt_staging_sets", ["customer_id", "as_of", "expected"], [NpgsqlDbType.Text, NpgsqlDbType.TimestampTz, NpgsqlDbType.Bigint], plan.ChangedSets, withOrder: true, cancellationToken).ConfigureAwait(false);
            var affected = await ExecuteAsync(pg,
                $"UPDATE {sets.Table} t SET {sets["AsOfUtc"]} = s.as_of, {sets["Version"]} = t.{sets["Version"]} + 1 FROM rt_staging_sets s " +
                $"WHERE t.{sets["CustomerId"]} = s.customer_id AND t.{sets["Version"]} = s.expected", cancellationToken).ConfigureAwait(false);
            if (affected != plan.ChangedSets.Count)
                throw new DbUpdateConcurrencyException($"{plan.ChangedSets.Count - affected} of {plan.ChangedSets.Count} customers' tags were changed by another writer.");
        }
        // New rows go straight into the table: the customers' tag-set rows are locked (or, for a new customer, being
        // inserted, so a concurrent writer of the same customer fails on that key and the unit is retried).
        if (plan.Inserts.Count > 0)
            await PostgresBulk.CopyAsync(pg, assignments.Table, AssignmentColumns.Select(c => assignments[c]).ToArray(), AssignmentTypes, plan.Inserts, withOrder: false, cancellationToken).ConfigureAwait(false);
        if (plan.Upserts.Count > 0)
        {
            var staged = AssignmentColumns.Select((_, i) => ("c" + i, PostgresType(AssignmentTypes[i]))).ToArray();
            await PostgresBulk.CreateStagingAsync(pg, "rt_staging_assignments", staged, cancellationToken).ConfigureAwait(false);
            await PostgresBulk.CopyAsync(pg, "rt_staging_assignments", staged.Select(s => s.Item1).ToArray(), AssignmentTypes, plan.Upserts, withOrder: true, cancellationToken).ConfigureAwait(false);
            var update = string.Join(", ", AssignmentColumns.Skip(2).Select(c => $"{assignments[c]} = excluded.{assignments[c]}"));
            await ExecuteAsync(pg,
                $"INSERT INTO {assignments.Table} ({string.Join(", ", AssignmentColumns.Select(c => assignments[c]))}) " +
                $"SELECT {string.Join(", ", staged.Select(s => s.Item1))} FROM rt_staging_assignments ORDER BY ord " +
                $"ON CONFLICT ({assignments["CustomerId"]}, {assignments["Tag"]}) DO UPDATE SET {update}", cancellationToken).ConfigureAwait(false);
        }
        if (plan.Deletes.Count > 0)
        {
            await PostgresBulk.CreateStagingAsync(pg, "rt_staging_deletes", [("customer_id", "text"), ("tag", "text")], cancellationToken).ConfigureAwait(false);
            await PostgresBulk.CopyAsync(pg, "rt_staging_deletes", ["customer_id", "tag"], [NpgsqlDbType.Text, NpgsqlDbType.Text], plan.Deletes, withOrder: true, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(pg,
                $"DELETE FROM {assignments.Table} a USING rt_staging_deletes d WHERE a.{assignments["CustomerId"]} = d.customer_id AND a.{assignments["Tag"]} = d.tag",
                cancellationToken).ConfigureAwait(false);
        }
        if (plan.History.Count > 0)
            await PostgresBulk.CopyAsync(pg, history.Table, HistoryColumns.Select(c => history[c]).ToArray(), HistoryTypes, plan.History, withOrder: false, cancellationToken).ConfigureAwait(false);
    }

    private static string PostgresType(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.TimestampTz => "timestamptz",
        NpgsqlDbType.Bigint => "bigint",
        _ => "text",
    };

    private static async Task<int> ExecuteAsync(NpgsqlConnection pg, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, pg);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
