using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Lifecycle;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Consent per customer and channel in the database. Every channel is open until the customer opts out, as in memory.</summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfConsentStore<TContext> : IConsentStore where TContext : DbContext
{
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public EfConsentStore(IDbContextFactory<TContext> contexts, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _options = options ?? new EntityFrameworkStoreOptions();
        _logger = _options.LoggerFactory.CreateLogger<EfConsentStore<TContext>>();
    }

    /// <inheritdoc />
    public bool IsOptedOut(string customerId, TriggerChannel channel)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        var name = channel.ToString();
        using var context = _contexts.CreateDbContext();
        return context.Set<ConsentRow>().Any(c => c.CustomerId == customerId && c.Channel == name && c.OptedOut);
    }

    /// <summary>Records that the customer opted out of <paramref name="channel"/>.</summary>
    public Task OptOutAsync(string customerId, TriggerChannel channel, CancellationToken cancellationToken = default) => SetAsync(customerId, channel, optedOut: true, cancellationToken);

    /// <summary>Records that the customer opted (back) in to <paramref name="channel"/>.</summary>
    public Task OptInAsync(string customerId, TriggerChannel channel, CancellationToken cancellationToken = default) => SetAsync(customerId, channel, optedOut: false, cancellationToken);

    private Task SetAsync(string customerId, TriggerChannel channel, bool optedOut, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        return ConflictRetry.RunAsync(async ct =>
        {
            await using var context = await _contexts.CreateDbContextAsync(ct).ConfigureAwait(false);
            var name = channel.ToString();
            var row = await context.Set<ConsentRow>().FirstOrDefaultAsync(c => c.CustomerId == customerId && c.Channel == name, ct).ConfigureAwait(false);
            if (row is null) context.Add(row = new ConsentRow { CustomerId = customerId, Channel = name });
            row.OptedOut = optedOut;
            row.AtUtc = Providers.Utc(_options.TimeProvider.GetUtcNow());
            await context.SaveChangesAsync(ct).ConfigureAwait(false);
        }, _options.MaxConflictRetries, _logger, "recording consent", cancellationToken);
    }
}
