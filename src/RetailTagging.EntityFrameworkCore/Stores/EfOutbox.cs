using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Lifecycle;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// The delivery outbox: a firing is enqueued once per idempotency key (a second enqueue of the same key, from any host,
/// is refused), then marked delivered, rescheduled after a failure, or dead-lettered. Status changes are guarded by
/// <see cref="OutboxMessageRow.Version"/> and retried, so parallel hosts lose no update. Also the durable <see cref="IDeadLetterStore"/>.
/// </summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfOutbox<TContext> : IDeadLetterStore where TContext : DbContext
{
    /// <summary>Status of a firing waiting for delivery.</summary>
    public const string Pending = "Pending";
    /// <summary>Status of a delivered firing.</summary>
    public const string Delivered = "Delivered";
    /// <summary>Status of a firing that failed every attempt.</summary>
    public const string DeadLettered = "DeadLettered";

    private readonly IDbContextFactory<TContext> _contexts;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the outbox.</summary>
    public EfOutbox(IDbContextFactory<TContext> contexts, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _options = options ?? new EntityFrameworkStoreOptions();
        _logger = _options.LoggerFactory.CreateLogger<EfOutbox<TContext>>();
    }

    /// <summary>Enqueues a firing; false when one with the same idempotency key was enqueued before (by anyone).</summary>
    public async Task<bool> EnqueueAsync(TriggerFiring firing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(firing);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await context.Set<OutboxMessageRow>().AnyAsync(o => o.IdempotencyKey == firing.IdempotencyKey, cancellationToken).ConfigureAwait(false)) return false;
        var now = Providers.Utc(_options.TimeProvider.GetUtcNow());
        var row = ToRow(firing, now);
        row.NextAttemptAtUtc = now;
        context.Add(row);
        try
        {
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException ex) when (ConflictRetry.IsConflict(ex))
        {
            return false; // another writer enqueued the same key between our check and insert
        }
    }

    /// <summary>Pending firings whose next attempt is due at or before <paramref name="now"/>, earliest first.</summary>
    public async Task<IReadOnlyList<TriggerFiring>> ReadDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        var limit = Providers.Utc(now);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.Set<OutboxMessageRow>().AsNoTracking()
            .Where(o => o.Status == Pending && o.NextAttemptAtUtc <= limit)
            .OrderBy(o => o.NextAttemptAtUtc).ThenBy(o => o.IdempotencyKey).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(ToFiring).ToArray();
    }

    /// <summary>The stored message of a key, or null.</summary>
    public async Task<OutboxMessageRow?> FindAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await context.Set<OutboxMessageRow>().AsNoTracking().FirstOrDefaultAsync(o => o.IdempotencyKey == idempotencyKey, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks a firing delivered (one more attempt counted).</summary>
    public Task MarkDeliveredAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        UpdateAsync(idempotencyKey, row => { row.Status = Delivered; row.Attempts++; row.NextAttemptAtUtc = null; }, cancellationToken);

    /// <summary>Records a failed attempt and when to try again.</summary>
    public Task MarkFailedAsync(string idempotencyKey, string error, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdateAsync(idempotencyKey, row => { row.Attempts++; row.LastError = error; row.NextAttemptAtUtc = Providers.Utc(nextAttemptAt); }, cancellationToken);
    }

    /// <summary>Moves a firing to the dead letters.</summary>
    public Task DeadLetterAsync(string idempotencyKey, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        return UpdateAsync(idempotencyKey, row => { row.Status = DeadLettered; row.LastError = error; row.NextAttemptAtUtc = null; }, cancellationToken);
    }

    /// <inheritdoc />
    public void Add(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        ConflictRetry.Run(() =>
        {
            using var context = _contexts.CreateDbContext();
            var at = Providers.Utc(letter.At);
            var row = context.Set<OutboxMessageRow>().Find(letter.Firing.IdempotencyKey);
            if (row is null) context.Add(row = ToRow(letter.Firing, at));
            else row.Version++;
            row.Status = DeadLettered;
            row.Attempts = Math.Max(row.Attempts, letter.Firing.Attempt);
            row.LastError = letter.Error;
            row.NextAttemptAtUtc = null;
            row.UpdatedAtUtc = at;
            return context.SaveChanges();
        }, _options.MaxConflictRetries, _logger, "adding a dead letter");
    }

    /// <inheritdoc />
    public IReadOnlyList<DeadLetter> List()
    {
        using var context = _contexts.CreateDbContext();
        return context.Set<OutboxMessageRow>().AsNoTracking().Where(o => o.Status == DeadLettered)
            .OrderBy(o => o.UpdatedAtUtc).ThenBy(o => o.IdempotencyKey).AsEnumerable()
            .Select(o => new DeadLetter(ToFiring(o), o.LastError ?? "", Providers.Instant(o.UpdatedAtUtc))).ToArray();
    }

    private Task UpdateAsync(string idempotencyKey, Action<OutboxMessageRow> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        return ConflictRetry.RunAsync(async ct =>
        {
            await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            await using var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await RowLocks.LockAsync<OutboxMessageRow>(context, nameof(OutboxMessageRow.IdempotencyKey), [idempotencyKey], ct).ConfigureAwait(false);
            var row = await context.Set<OutboxMessageRow>().FirstOrDefaultAsync(o => o.IdempotencyKey == idempotencyKey, ct).ConfigureAwait(false)
                ?? throw new KeyNotFoundException($"No outbox message with idempotency key '{idempotencyKey}'.");
            change(row);
            row.Version++;
            row.UpdatedAtUtc = Providers.Utc(_options.TimeProvider.GetUtcNow());
            await context.SaveChangesAsync(ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }, _options.MaxConflictRetries, _logger, "updating the outbox", cancellationToken);
    }

    private static OutboxMessageRow ToRow(TriggerFiring firing, DateTime now) => new()
    {
        IdempotencyKey = firing.IdempotencyKey,
        TriggerId = firing.TriggerId,
        CustomerId = firing.CustomerId,
        Action = firing.Action,
        Channel = firing.Channel.ToString(),
        Priority = firing.Priority,
        CausedAtUtc = Providers.Utc(firing.CausedAt),
        PropertiesJson = JsonSerializer.Serialize(firing.Properties),
        Status = Pending,
        Attempts = 0,
        UpdatedAtUtc = now,
        Version = 1,
    };

    private static TriggerFiring ToFiring(OutboxMessageRow row) =>
        new(row.IdempotencyKey, row.TriggerId, row.CustomerId, row.Action, Enum.Parse<TriggerChannel>(row.Channel), row.Priority,
            Providers.Instant(row.CausedAtUtc), Providers.Instant(row.UpdatedAtUtc), row.Attempts,
            JsonSerializer.Deserialize<Dictionary<string, string>>(row.PropertiesJson) ?? []);
}
