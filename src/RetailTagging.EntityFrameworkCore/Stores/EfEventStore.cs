using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Language;
using RetailTagging.Storage;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// The append-only event log in the database. Appends are idempotent by event id (<c>ON CONFLICT DO NOTHING</c> on the
/// unique id, so parallel writers of the same events store each once), invalid events are rejected with
/// <see cref="EventValidator"/>'s reasons while the valid ones are stored, and large appends take the bulk path:
/// multi-row prepared inserts on SQLite, binary COPY on PostgreSQL (straight into the table while every id is new,
/// else into a staging table merged with <c>ON CONFLICT DO NOTHING</c>), one transaction per chunk.
/// </summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfEventStore<TContext> : IEventStore where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly TagSchema _schema;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public EfEventStore(IDbContextFactory<TContext> contexts, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _options = options ?? new EntityFrameworkStoreOptions();
        _schema = _options.EventSchema ?? TagSchema.Default;
        _logger = _options.LoggerFactory.CreateLogger<EfEventStore<TContext>>();
    }

    /// <inheritdoc />
    public async ValueTask<EventAppendResult> AppendEventsAsync(IReadOnlyList<CustomerEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        var duplicates = new List<string>();
        var rejected = new List<RejectedEvent>();
        var accepted = new List<CustomerEvent>(events.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var reasons = EventValidator.Validate(e, _schema);
            if (reasons.Count > 0) rejected.Add(new RejectedEvent(e?.Id, string.Join("; ", reasons)));
            else if (!seen.Add(e!.Id)) duplicates.Add(e.Id);
            else accepted.Add(e);
        }

        var stored = 0;
        var storedAt = Providers.Utc(_options.TimeProvider.GetUtcNow());
        // Once a chunk of this append held stored ids (a replayed feed), the next chunks likely do too: they go straight to the merge.
        var optimistic = true;
        foreach (var chunk in accepted.Chunk(_options.EventChunkSize))
        {
            var rows = chunk.Select(e => EventRowMapper.ToValues(e, storedAt)).ToList();
            var inserted = await ConflictRetry.RunAsync(ct => InsertAsync(rows, optimistic, ct), _options.MaxConflictRetries, _logger, "appending events", cancellationToken).ConfigureAwait(false);
            stored += inserted.Count;
            if (inserted.Count < chunk.Length)
            {
                optimistic = false;
                duplicates.AddRange(chunk.Select(e => e.Id).Where(id => !inserted.Contains(id)));
            }
        }
        return new EventAppendResult(stored, duplicates, rejected);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<CustomerEvent> ReadEventsAsync(string customerId, DateTimeOffset? since = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = context.Set<EventRow>().AsNoTracking().Where(e => e.CustomerId == customerId);
        if (since is { } from)
        {
            var fromUtc = Providers.Utc(from);
            query = query.Where(e => e.AtUtc >= fromUtc);
        }
        // Ties on the instant are put in ordinal id order here: database collations need not be ordinal.
        var ties = new List<EventRow>();
        await foreach (var row in query.OrderBy(e => e.AtUtc).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (ties.Count > 0 && ties[0].AtUtc != row.AtUtc)
            {
                foreach (var e in Flush(ties)) yield return e;
            }
            ties.Add(row);
        }
        foreach (var e in Flush(ties)) yield return e;
    }

    private static IEnumerable<CustomerEvent> Flush(List<EventRow> ties)
    {
        var ordered = ties.Count == 1 ? [ties[0]] : ties.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        ties.Clear();
        return ordered.Select(EventRowMapper.ToEvent);
    }

    private async Task<HashSet<string>> InsertAsync(List<object?[]> rows, bool optimistic, CancellationToken cancellationToken)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        Providers.EnsureSupported(context);
        var map = TableMap.For<EventRow>(context);
        var columns = EventRowMapper.Columns.Select(c => map[c]).ToArray();
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = context.Database.GetDbConnection();
        if (connection is NpgsqlConnection pg)
        {
            if (optimistic && await PostgresEventWriter.TryCopyNewAsync(context, pg, map, columns, rows, cancellationToken).ConfigureAwait(false))
                return rows.Select(r => (string)r[0]!).ToHashSet(StringComparer.Ordinal);
            var merged = await PostgresEventWriter.MergeAsync(context, pg, map, columns, rows, cancellationToken).ConfigureAwait(false);
            return merged.ToHashSet(StringComparer.Ordinal);
        }
        await using var cache = await SqlitePageCache.RaiseAsync(connection, null, cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var conflict = $"ON CONFLICT ({map[nameof(EventRow.Id)]}) DO NOTHING RETURNING {map[nameof(EventRow.Id)]}";
        var inserted = await SqliteBulk.InsertAsync(connection, transaction.GetDbTransaction(), map.Table, columns, rows, conflict, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted.ToHashSet(StringComparer.Ordinal);
    }
}
