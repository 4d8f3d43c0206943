using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>The audit log: append and read. The tag and identity stores add entries for manual decisions, merges and splits themselves.</summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfAuditLog<TContext>(IDbContextFactory<TContext> contexts) where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));

    /// <summary>Appends an entry.</summary>
    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        context.Add(new AuditLogRow { AtUtc = Providers.Utc(entry.At), Actor = entry.Actor, Action = entry.Action, CustomerId = entry.CustomerId, Details = entry.Details });
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries in the order written, optionally only those about one customer or of one action.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ReadAsync(string? customerId = null, string? action = null, CancellationToken cancellationToken = default)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = context.Set<AuditLogRow>().AsNoTracking();
        if (customerId is not null) query = query.Where(a => a.CustomerId == customerId);
        if (action is not null) query = query.Where(a => a.Action == action);
        var rows = await query.OrderBy(a => a.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => new AuditEntry(Providers.Instant(r.AtUtc), r.Actor, r.Action, r.CustomerId, r.Details)).ToArray();
    }
}
