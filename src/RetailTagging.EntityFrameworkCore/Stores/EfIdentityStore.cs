using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailTagging.Identity;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Identity resolution's durable state: source records (attributes and identifier values encrypted, identifiers
/// hashed for lookups), reviewers' decisions, the merge history (each change also audited) and the record-to-customer assignment.
/// </summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfIdentityStore<TContext> : IIdentityStore where TContext : DbContext
{
    private const int Chunk = 1_000;
    // Assignments are two short values: larger transactions amortise the commit.
    private const int AssignmentChunk = 10_000;
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly PersonalDataProtector _protector;
    private readonly LookupKeys _keys;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public EfIdentityStore(IDbContextFactory<TContext> contexts, PersonalDataProtector protector, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _options = options ?? new EntityFrameworkStoreOptions();
        _keys = new LookupKeys(protector, _options.PhoneRegion);
        _logger = _options.LoggerFactory.CreateLogger<EfIdentityStore<TContext>>();
    }

    /// <inheritdoc />
    /// <remarks>
    /// Set-based: each chunk of records is upserted by id and its identifiers replaced in one transaction, without
    /// reading the stored rows first or tracking entities. A record given twice keeps its last version.
    /// </remarks>
    public async ValueTask SaveRecordsAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var latest = new Dictionary<string, SourceRecord>(StringComparer.Ordinal);
        foreach (var record in records) latest[(record ?? throw new ArgumentException("A record is null.", nameof(records))).Id] = record;
        foreach (var chunk in latest.Values.Chunk(Chunk))
        {
            // Encrypted and hashed once, outside the retried unit: a retry writes the same values.
            var recordRows = chunk.Select(r => IdentityRowMapper.ToValues(IdentityRowMapper.ToRow(r, _protector))).ToList();
            var identifierRows = chunk.SelectMany(r => r.Identifiers.Select((identifier, position) =>
                IdentityRowMapper.ToValues(IdentityRowMapper.ToRow(r.Id, position, identifier, _protector, _keys)))).ToList();
            await InTransactionAsync(
                (context, ct) => IdentityBulkWriter.SaveRecordsAsync(context, recordRows, identifierRows, ct), "saving source records", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<SourceRecord> ReadRecordsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        string? after = null;
        while (true)
        {
            // Keyset pages: bounded memory however many records there are.
            var page = await context.Set<SourceRecordRow>().AsNoTracking().Where(r => after == null || string.Compare(r.Id, after) > 0)
                .OrderBy(r => r.Id).Take(Chunk).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (page.Count == 0) yield break;
            var ids = page.Select(r => r.Id).ToArray();
            // One array/JSON parameter, not one per id (EF Core 10's default; SQLite binds by a linear name search).
            var identifiers = (await context.Set<SourceIdentifierRow>().AsNoTracking().Where(i => EF.Parameter(ids).Contains(i.RecordId)).ToListAsync(cancellationToken).ConfigureAwait(false))
                .ToLookup(i => i.RecordId, StringComparer.Ordinal);
            foreach (var row in page) yield return IdentityRowMapper.ToRecord(row, identifiers[row.Id], _protector);
            after = page[^1].Id;
        }
    }

    /// <inheritdoc />
    public async ValueTask SaveDecisionAsync(IdentityDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await ConflictRetry.RunAsync(async ct =>
        {
            await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            var row = IdentityRowMapper.ToRow(decision);
            var stored = await context.Set<IdentityDecisionRow>().FirstOrDefaultAsync(d => d.Id == decision.Id, ct).ConfigureAwait(false);
            if (stored is null) context.Add(row);
            else context.Entry(stored).CurrentValues.SetValues(row);
            context.Add(Audit(decision.DecidedBy, "identity_decision", $"{decision.Kind} {string.Join(",", decision.LeftRecordIds)} | {string.Join(",", decision.RightRecordIds)}"));
            await context.SaveChangesAsync(ct).ConfigureAwait(false);
        }, _options.MaxConflictRetries, _logger, "saving an identity decision", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask DeleteDecisionAsync(string decisionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decisionId);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await context.Set<IdentityDecisionRow>().Where(d => d.Id == decisionId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IdentityDecision> ReadDecisionsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.Set<IdentityDecisionRow>().AsNoTracking().OrderBy(d => d.DecidedAtUtc).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var row in rows.OrderBy(r => r.DecidedAtUtc).ThenBy(r => r.Id, StringComparer.Ordinal)) yield return IdentityRowMapper.ToDecision(row);
    }

    /// <inheritdoc />
    public async ValueTask AppendChangesAsync(IReadOnlyList<IdentityChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0) return;
        var changeRows = new List<object?[]>(changes.Count);
        var auditRows = new List<object?[]>(changes.Count);
        foreach (var change in changes)
        {
            changeRows.Add(IdentityRowMapper.ToValues(IdentityRowMapper.ToRow(change ?? throw new ArgumentException("A change is null.", nameof(changes)))));
            auditRows.Add(IdentityRowMapper.ToValues(Audit(null, change.Kind == IdentityChangeKind.Merged ? "merge" : "split",
                $"{string.Join(",", change.Before)} -> {string.Join(",", change.After)}: {change.Reason}")));
        }
        // Appends only: nothing to conflict with, so no retry (a retry could append twice).
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await WriteAsync(context, (c, ct) => IdentityBulkWriter.AppendChangesAsync(c, changeRows, auditRows, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IdentityChange> ReadChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.Set<IdentityChangeRow>().AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return IdentityRowMapper.ToChange(row);
    }

    /// <inheritdoc />
    /// <remarks>Set-based updates by record id, in chunks of one transaction each; a record given twice gets its last customer.</remarks>
    public async ValueTask SaveAssignmentsAsync(IReadOnlyList<RecordAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var latest = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments) latest[assignment.RecordId] = assignment.CustomerId;
        foreach (var chunk in latest.Select(p => (p.Key, p.Value)).Chunk(AssignmentChunk))
            await InTransactionAsync((context, ct) => IdentityBulkWriter.SaveAssignmentsAsync(context, chunk, ct), "saving record assignments", cancellationToken).ConfigureAwait(false);
    }

    // One unit of work in its own context and transaction, run again on a conflict with another writer.
    private Task InTransactionAsync(Func<DbContext, CancellationToken, Task> work, string what, CancellationToken cancellationToken) =>
        ConflictRetry.RunAsync(async ct =>
        {
            await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            await WriteAsync(context, work, ct).ConfigureAwait(false);
        }, _options.MaxConflictRetries, _logger, what, cancellationToken);

    private static async Task WriteAsync(DbContext context, Func<DbContext, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        Providers.EnsureSupported(context);
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await work(context, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private AuditLogRow Audit(string? actor, string action, string details) => new()
    {
        AtUtc = Providers.Utc(_options.TimeProvider.GetUtcNow()),
        Actor = actor ?? _options.DefaultActor,
        Action = action,
        Details = details,
    };
}
