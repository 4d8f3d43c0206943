using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.Lifecycle;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// The trigger policies' memory in the database, so cooldowns, frequency caps and decided idempotency keys survive a
/// restart and are shared by every host on the same database. Writes are single upsert or insert statements, so
/// concurrent writers lose nothing: every touch is its own row, a delivery keeps the latest instant recorded
/// (hosts racing cannot move it back), and a re-marked key takes the expiry of the last call. Idempotency keys name
/// the customer, so they are stored as keyed hashes (<see cref="PersonalDataProtector.Hash"/>): changing the hash key
/// forgets them. Instants are kept to the microsecond. The interface is synchronous, so this store uses EF Core's
/// synchronous calls.
/// </summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfTriggerPolicyStore<TContext> : ITriggerPolicyStore where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly PersonalDataProtector _protector;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public EfTriggerPolicyStore(IDbContextFactory<TContext> contexts, PersonalDataProtector protector, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _options = options ?? new EntityFrameworkStoreOptions();
        _logger = _options.LoggerFactory.CreateLogger<EfTriggerPolicyStore<TContext>>();
    }

    /// <inheritdoc />
    public bool IsDecided(string idempotencyKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var hash = KeyHash(idempotencyKey);
        var at = Providers.Utc(now);
        using var context = _contexts.CreateDbContext();
        return context.Set<TriggerDecisionRow>().Any(d => d.KeyHash == hash && d.ExpiresAtUtc > at);
    }

    /// <inheritdoc />
    public void MarkDecided(string idempotencyKey, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(idempotencyKey);
        var hash = KeyHash(idempotencyKey);
        var expires = Providers.Utc(expiresAt);
        Write("marking a key decided", context =>
        {
            var t = TableMap.For<TriggerDecisionRow>(context);
            var (key, expiry) = (t[nameof(TriggerDecisionRow.KeyHash)], t[nameof(TriggerDecisionRow.ExpiresAtUtc)]);
            var sql = $"INSERT INTO {t.Table} ({key}, {expiry}) VALUES ({{0}}, {{1}}) ON CONFLICT ({key}) DO UPDATE SET {expiry} = excluded.{expiry}";
            Execute(context, sql, hash, expires);
        });
    }

    /// <inheritdoc />
    public DateTimeOffset? LastDelivery(string customerId, string triggerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(triggerId);
        using var context = _contexts.CreateDbContext();
        var at = context.Set<TriggerDeliveryRow>().Where(d => d.CustomerId == customerId && d.TriggerId == triggerId)
            .Select(d => (DateTime?)d.DeliveredAtUtc).FirstOrDefault();
        return Providers.Instant(at);
    }

    /// <inheritdoc />
    public int CountTouches(string customerId, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var from = Providers.Utc(after);
        using var context = _contexts.CreateDbContext();
        return context.Set<TriggerTouchRow>().Count(t => t.CustomerId == customerId && t.AtUtc > from);
    }

    /// <inheritdoc />
    public void RecordDelivery(string customerId, string triggerId, bool marketing, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(triggerId);
        var instant = Providers.Utc(at);
        Write("recording a delivery", context =>
        {
            // The touch and the delivery instant commit together: a cap never counts a delivery the cooldown missed.
            using var transaction = context.Database.BeginTransaction();
            var d = TableMap.For<TriggerDeliveryRow>(context);
            var (customer, trigger, delivered) = (d[nameof(TriggerDeliveryRow.CustomerId)], d[nameof(TriggerDeliveryRow.TriggerId)], d[nameof(TriggerDeliveryRow.DeliveredAtUtc)]);
            var latest = Providers.IsPostgreSql(context) ? "GREATEST" : "MAX"; // SQLite's two-argument max() is scalar
            var upsert = $"INSERT INTO {d.Table} ({customer}, {trigger}, {delivered}) VALUES ({{0}}, {{1}}, {{2}}) " +
                $"ON CONFLICT ({customer}, {trigger}) DO UPDATE SET {delivered} = {latest}({d.Table}.{delivered}, excluded.{delivered})";
            Execute(context, upsert, customerId, triggerId, instant);
            if (marketing)
            {
                var t = TableMap.For<TriggerTouchRow>(context);
                var insert = $"INSERT INTO {t.Table} ({t[nameof(TriggerTouchRow.CustomerId)]}, {t[nameof(TriggerTouchRow.AtUtc)]}) VALUES ({{0}}, {{1}})";
                Execute(context, insert, customerId, instant);
            }
            transaction.Commit();
        });
    }

    /// <inheritdoc />
    public void Prune(DateTimeOffset now, DateTimeOffset touchesUpTo)
    {
        var keysUpTo = Providers.Utc(now);
        var touchLimit = Providers.Utc(touchesUpTo);
        Write("pruning the policy memory", context =>
        {
            context.Set<TriggerDecisionRow>().Where(d => d.ExpiresAtUtc <= keysUpTo).ExecuteDelete();
            context.Set<TriggerTouchRow>().Where(t => t.AtUtc <= touchLimit).ExecuteDelete();
        });
    }

    // The SQL text holds only quoted names from the model (TableMap); every value is a parameter.
    private static void Execute(DbContext context, string sql, params object[] parameters) => context.Database.ExecuteSqlRaw(sql, parameters);

    private byte[] KeyHash(string idempotencyKey) => _protector.Hash(idempotencyKey)!;

    // Upserts do not conflict on PostgreSQL; a busy SQLite file or a deadlock between two upserts is retried.
    private void Write(string what, Action<TContext> work) =>
        ConflictRetry.Run(() =>
        {
            using var context = _contexts.CreateDbContext();
            Providers.EnsureSupported(context);
            work(context);
            return true;
        }, _options.MaxConflictRetries, _logger, what);
}
