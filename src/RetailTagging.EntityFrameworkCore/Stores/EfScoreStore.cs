using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Score snapshots in the database: one value per customer, score and instant (saving the same again replaces it).</summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfScoreStore<TContext> where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public EfScoreStore(IDbContextFactory<TContext> contexts, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _options = options ?? new EntityFrameworkStoreOptions();
        _logger = _options.LoggerFactory.CreateLogger<EfScoreStore<TContext>>();
    }

    /// <summary>Saves snapshots, replacing any with the same customer, score and instant.</summary>
    public async Task SaveAsync(IReadOnlyList<ScoreSnapshot> snapshots, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        foreach (var chunk in snapshots.Chunk(1_000))
        {
            await ConflictRetry.RunAsync(async ct =>
            {
                await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
                foreach (var s in chunk)
                {
                    var asOf = Providers.Utc(s.AsOf);
                    var row = context.Set<ScoreSnapshotRow>().Local.FirstOrDefault(r => r.CustomerId == s.CustomerId && r.Score == s.Score && r.AsOfUtc == asOf)
                        ?? await context.Set<ScoreSnapshotRow>().FindAsync([s.CustomerId, s.Score, asOf], ct).ConfigureAwait(false);
                    if (row is null) context.Add(new ScoreSnapshotRow { CustomerId = s.CustomerId, Score = s.Score, AsOfUtc = asOf, Value = s.Value });
                    else row.Value = s.Value;
                }
                await context.SaveChangesAsync(ct).ConfigureAwait(false);
            }, _options.MaxConflictRetries, _logger, "saving scores", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The customer's snapshots, optionally of one score, oldest first.</summary>
    public async Task<IReadOnlyList<ScoreSnapshot>> ReadAsync(string customerId, string? score = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = context.Set<ScoreSnapshotRow>().AsNoTracking().Where(s => s.CustomerId == customerId);
        if (score is not null) query = query.Where(s => s.Score == score);
        var rows = await query.OrderBy(s => s.AsOfUtc).ThenBy(s => s.Score).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new ScoreSnapshot(r.CustomerId, r.Score, Providers.Instant(r.AsOfUtc), r.Value)).ToArray();
    }
}
