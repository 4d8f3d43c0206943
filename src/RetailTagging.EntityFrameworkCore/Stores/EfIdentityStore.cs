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
    public async ValueTask SaveRecordsAsync(IReadOnlyList<SourceRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var latest = new Dictionary<string, SourceRecord>(StringComparer.Ordinal);
        foreach (var record in records) latest[record.Id] = record;
        foreach (var chunk in latest.Values.Chunk(Chunk))
        {
            await ConflictRetry.RunAsync(async ct =>
            {
                await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
                await using var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
                var ids = chunk.Select(r => r.Id).ToArray();
                var existing = await context.Set<SourceRecordRow>().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, StringComparer.Ordinal, ct).ConfigureAwait(false);
                await context.Set<SourceIdentifierRow>().Where(i => ids.Contains(i.RecordId)).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                foreach (var record in chunk)
                {
                    var row = IdentityRowMapper.ToRow(record, _protector);
                    if (existing.TryGetValue(record.Id, out var stored))
                    {
                        row.CustomerId = stored.CustomerId; // the assignment is kept until resolution saves a new one
                        context.Entry(stored).CurrentValues.SetValues(row);
                    }
                    else context.Add(row);
                    context.AddRange(record.Identifiers.Select((identifier, position) => IdentityRowMapper.ToRow(record.Id, position, identifier, _protector, _keys)));
                }
                await context.SaveChangesAsync(ct).ConfigureAwait(false);
                await transaction.CommitAsync(ct).ConfigureAwait(false);
            }, _options.MaxConflictRetries, _logger, "saving source records", cancellationToken).ConfigureAwait(false);
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
            var identifiers = (await context.Set<SourceIdentifierRow>().AsNoTracking().Where(i => ids.Contains(i.RecordId)).ToListAsync(cancellationToken).ConfigureAwait(false))
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
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        foreach (var change in changes)
        {
            context.Add(IdentityRowMapper.ToRow(change));
            context.Add(Audit(null, change.Kind == IdentityChangeKind.Merged ? "merge" : "split",
                $"{string.Join(",", change.Before)} -> {string.Join(",", change.After)}: {change.Reason}"));
        }
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<IdentityChange> ReadChangesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.Set<IdentityChangeRow>().AsNoTracking().OrderBy(c => c.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return IdentityRowMapper.ToChange(row);
    }

    /// <inheritdoc />
    public async ValueTask SaveAssignmentsAsync(IReadOnlyList<RecordAssignment> assignments, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        foreach (var chunk in assignments.Chunk(Chunk))
        {
            await ConflictRetry.RunAsync(async ct =>
            {
                await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
                var byRecord = chunk.GroupBy(a => a.RecordId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().CustomerId, StringComparer.Ordinal);
                var ids = byRecord.Keys.ToArray();
                var rows = await context.Set<SourceRecordRow>().Where(r => ids.Contains(r.Id)).ToListAsync(ct).ConfigureAwait(false);
                foreach (var row in rows) row.CustomerId = byRecord[row.Id];
                await context.SaveChangesAsync(ct).ConfigureAwait(false);
            }, _options.MaxConflictRetries, _logger, "saving record assignments", cancellationToken).ConfigureAwait(false);
        }
    }

    private AuditLogRow Audit(string? actor, string action, string details) => new()
    {
        AtUtc = Providers.Utc(_options.TimeProvider.GetUtcNow()),
        Actor = actor ?? _options.DefaultActor,
        Action = action,
        Details = details,
    };
}
