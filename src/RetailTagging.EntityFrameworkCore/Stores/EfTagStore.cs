using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Storage;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Current tag assignments, their history and manual decisions in the database. A save writes the assignments that
/// differ and the history in one transaction, guarded by the customer's <see cref="TagSetRow.Version"/>: a writer that
/// lost a race re-reads and retries, so no update is lost. <see cref="SaveManyAsync(IReadOnlyList{TagSetUpdate}, string?, CancellationToken)"/>
/// is the bulk path of batch runs; manual decisions also write an audit entry.
/// </summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfTagStore<TContext> : ITagStore where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public EfTagStore(IDbContextFactory<TContext> contexts, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _options = options ?? new EntityFrameworkStoreOptions();
        _logger = _options.LoggerFactory.CreateLogger<EfTagStore<TContext>>();
    }

    /// <inheritdoc />
    public async ValueTask<TagSet?> GetTagsAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var set = await context.Set<TagSetRow>().AsNoTracking().FirstOrDefaultAsync(s => s.CustomerId == customerId, cancellationToken).ConfigureAwait(false);
        var rows = await context.Set<TagAssignmentRow>().AsNoTracking().Where(a => a.CustomerId == customerId).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (set is null && rows.Count == 0) return null;
        var asOf = set is not null ? Providers.Instant(set.AsOfUtc) : Providers.Instant(rows.Max(r => r.AssignedAtUtc));
        return new TagSet(customerId, asOf, rows.Select(TagRowMapper.ToAssignment));
    }

    /// <inheritdoc />
    public async ValueTask SaveAsync(TagSet tags, IReadOnlyList<TagChange> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.FirstOrDefault(c => c.CustomerId != tags.CustomerId) is { } stranger)
            throw new ArgumentException($"A change of customer '{stranger.CustomerId}' came with the tag set of '{tags.CustomerId}'.", nameof(changes));
        await ConflictRetry.RunAsync(ct => SaveOnceAsync(tags, changes, ct), _options.MaxConflictRetries, _logger, "saving tags", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Saves many customers' tag sets at once (the batch path): one transaction, set-based SQL, only differing
    /// assignment rows written, history appended with <paramref name="runId"/>; retried as a whole when another
    /// writer changed one of the customers meanwhile.
    /// </summary>
    public Task<TagSaveResult> SaveManyAsync(IReadOnlyList<TagSetUpdate> updates, string? runId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(updates);
        return ConflictRetry.RunAsync(async ct =>
        {
            await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            await using var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            var result = await TagBulkWriter.WriteAsync(context, updates, runId, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }, _options.MaxConflictRetries, _logger, "saving tags in bulk", cancellationToken);
    }

    /// <summary>
    /// The bulk save inside the caller's context and open transaction, so the caller can commit other rows (a batch
    /// checkpoint) atomically with the tags. A concurrent change surfaces as <see cref="DbUpdateConcurrencyException"/>:
    /// roll back and retry.
    /// </summary>
    public static Task<TagSaveResult> SaveManyAsync(TContext context, IReadOnlyList<TagSetUpdate> updates, string? runId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(updates);
        return TagBulkWriter.WriteAsync(context, updates, runId, cancellationToken);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<TagChange> ReadHistoryAsync(string customerId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.Set<TagHistoryRow>().AsNoTracking().Where(h => h.CustomerId == customerId).OrderBy(h => h.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return TagRowMapper.ToChange(row);
    }

    /// <inheritdoc />
    public async ValueTask SaveManualDecisionAsync(ManualTagDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await ConflictRetry.RunAsync(async ct =>
        {
            await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            var decidedAt = Providers.Utc(decision.DecidedAt);
            var row = await context.Set<ManualDecisionRow>().FirstOrDefaultAsync(
                m => m.CustomerId == decision.CustomerId && m.Tag == decision.Tag && m.DecidedAtUtc == decidedAt && m.DecidedBy == decision.DecidedBy, ct).ConfigureAwait(false);
            if (row is null) context.Add(row = new ManualDecisionRow { Version = 1 });
            else row.Version++;
            TagRowMapper.CopyDecision(decision, row);
            context.Add(new AuditLogRow
            {
                AtUtc = Providers.Utc(_options.TimeProvider.GetUtcNow()),
                Actor = decision.ReviewedBy ?? decision.DecidedBy,
                Action = "manual_decision",
                CustomerId = decision.CustomerId,
                Details = $"{decision.Action} {decision.Tag} = {decision.Value}: {decision.Status} (decided by {decision.DecidedBy} at {decision.DecidedAt:O}; reason: {decision.Reason})",
            });
            await context.SaveChangesAsync(ct).ConfigureAwait(false);
        }, _options.MaxConflictRetries, _logger, "saving a manual decision", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ManualTagDecision> ReadManualDecisionsAsync(string customerId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = context.Set<ManualDecisionRow>().AsNoTracking().Where(m => m.CustomerId == customerId).OrderBy(m => m.DecidedAtUtc).ThenBy(m => m.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false)) yield return TagRowMapper.ToDecision(row);
    }

    private async Task SaveOnceAsync(TagSet tags, IReadOnlyList<TagChange> changes, CancellationToken cancellationToken)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await RowLocks.LockAsync<TagSetRow>(context, nameof(TagSetRow.CustomerId), [tags.CustomerId], cancellationToken).ConfigureAwait(false);
        var set = await context.Set<TagSetRow>().FirstOrDefaultAsync(s => s.CustomerId == tags.CustomerId, cancellationToken).ConfigureAwait(false);
        if (set is null) context.Add(set = new TagSetRow { CustomerId = tags.CustomerId, Version = 1 });
        else set.Version++;
        set.AsOfUtc = Providers.Utc(tags.AsOf);

        var stored = await context.Set<TagAssignmentRow>().Where(a => a.CustomerId == tags.CustomerId).ToDictionaryAsync(a => a.Tag, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        foreach (var assignment in tags.Values)
        {
            var wanted = TagRowMapper.ToRow(tags.CustomerId, assignment);
            if (!stored.Remove(assignment.Tag, out var row)) context.Add(wanted);
            else if (!TagRowMapper.SameContent(row, wanted))
            {
                TagRowMapper.CopyContent(wanted, row);
                row.Version++;
            }
        }
        context.RemoveRange(stored.Values);
        context.AddRange(changes.Select(c => TagRowMapper.ToRow(c, runId: null)));
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
