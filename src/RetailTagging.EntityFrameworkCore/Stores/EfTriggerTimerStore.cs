using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Lifecycle;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Pending lifecycle timers in the database, so a restarted (or another) host fires them. The interface is
/// synchronous, so this store uses EF Core's synchronous calls; due timers come from the index on <c>due_at_utc</c>.
/// </summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfTriggerTimerStore<TContext> : ITriggerTimerStore where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public EfTriggerTimerStore(IDbContextFactory<TContext> contexts, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _options = options ?? new EntityFrameworkStoreOptions();
        _logger = _options.LoggerFactory.CreateLogger<EfTriggerTimerStore<TContext>>();
    }

    /// <inheritdoc />
    public long Count
    {
        get
        {
            using var context = _contexts.CreateDbContext();
            return context.Set<TriggerTimerRow>().LongCount();
        }
    }

    /// <inheritdoc />
    public DateTimeOffset? NextDueAt
    {
        get
        {
            using var context = _contexts.CreateDbContext();
            var due = context.Set<TriggerTimerRow>().OrderBy(t => t.DueAtUtc).Select(t => (DateTime?)t.DueAtUtc).FirstOrDefault();
            return Providers.Instant(due);
        }
    }

    /// <inheritdoc />
    public void Upsert(TriggerTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ConflictRetry.Run(() =>
        {
            using var context = _contexts.CreateDbContext();
            var row = context.Set<TriggerTimerRow>().Find(timer.CustomerId, timer.TriggerId, timer.CauseId);
            if (row is null) context.Add(row = new TriggerTimerRow { CustomerId = timer.CustomerId, TriggerId = timer.TriggerId, CauseId = timer.CauseId, Version = 1 });
            else row.Version++;
            row.CausedAtUtc = Providers.Utc(timer.CausedAt);
            row.DueAtUtc = Providers.Utc(timer.DueAt);
            row.Stage = timer.Stage.ToString();
            row.Attempt = timer.Attempt;
            row.Channel = timer.Channel.ToString();
            row.Anchor = timer.Anchor;
            return context.SaveChanges();
        }, _options.MaxConflictRetries, _logger, "upserting a timer");
    }

    /// <inheritdoc />
    public bool Remove(TriggerTimer timer)
    {
        ArgumentNullException.ThrowIfNull(timer);
        using var context = _contexts.CreateDbContext();
        return context.Set<TriggerTimerRow>()
            .Where(t => t.CustomerId == timer.CustomerId && t.TriggerId == timer.TriggerId && t.CauseId == timer.CauseId)
            .ExecuteDelete() > 0;
    }

    /// <inheritdoc />
    public IReadOnlyList<TriggerTimer> ForCustomer(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        using var context = _contexts.CreateDbContext();
        return context.Set<TriggerTimerRow>().AsNoTracking().Where(t => t.CustomerId == customerId).OrderBy(t => t.DueAtUtc).AsEnumerable().Select(ToTimer).ToArray();
    }

    /// <inheritdoc />
    public IReadOnlyList<TriggerTimer> GetDue(DateTimeOffset upTo, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max);
        if (max == 0) return [];
        var limit = Providers.Utc(upTo);
        using var context = _contexts.CreateDbContext();
        return context.Set<TriggerTimerRow>().AsNoTracking().Where(t => t.DueAtUtc <= limit)
            .OrderBy(t => t.DueAtUtc).ThenBy(t => t.CustomerId).ThenBy(t => t.TriggerId).ThenBy(t => t.CauseId)
            .Take(max).AsEnumerable().Select(ToTimer).ToArray();
    }

    private static TriggerTimer ToTimer(TriggerTimerRow row) =>
        new(row.TriggerId, row.CustomerId, row.CauseId, Providers.Instant(row.CausedAtUtc), Providers.Instant(row.DueAtUtc),
            Enum.Parse<TimerStage>(row.Stage), row.Attempt, Enum.Parse<TriggerChannel>(row.Channel), row.Anchor);
}
