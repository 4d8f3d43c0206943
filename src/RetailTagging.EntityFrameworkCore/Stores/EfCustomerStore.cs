using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.Storage;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>
/// Customers (golden records) in the database. Name, phone and e-mail are stored encrypted with the host's keys, with
/// keyed hashes of the normalised phone and e-mail for <see cref="FindByPhoneAsync"/> and <see cref="FindByEmailAsync"/>.
/// Updates are guarded by <see cref="CustomerRow.Version"/> and retried when another writer got there first.
/// </summary>
/// <typeparam name="TContext">A context whose model includes the RetailTagging tables.</typeparam>
public sealed class EfCustomerStore<TContext> : ICustomerStore where TContext : DbContext
{
    private const int Chunk = 1_000;
    private readonly IDbContextFactory<TContext> _contexts;
    private readonly PersonalDataProtector _protector;
    private readonly LookupKeys _keys;
    private readonly EntityFrameworkStoreOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the store.</summary>
    public EfCustomerStore(IDbContextFactory<TContext> contexts, PersonalDataProtector protector, EntityFrameworkStoreOptions? options = null)
    {
        _contexts = contexts ?? throw new ArgumentNullException(nameof(contexts));
        _protector = protector ?? throw new ArgumentNullException(nameof(protector));
        _options = options ?? new EntityFrameworkStoreOptions();
        _keys = new LookupKeys(protector, _options.PhoneRegion);
        _logger = _options.LoggerFactory.CreateLogger<EfCustomerStore<TContext>>();
    }

    /// <inheritdoc />
    public async ValueTask UpsertCustomersAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customers);
        // The last snapshot of a customer given twice wins, as in memory.
        var latest = new Dictionary<string, Customer>(StringComparer.Ordinal);
        foreach (var customer in customers) latest[(customer ?? throw new ArgumentException("A customer is null.", nameof(customers))).Id] = customer;
        foreach (var chunk in latest.Values.Chunk(Chunk))
            await ConflictRetry.RunAsync(ct => UpsertChunkAsync(chunk, ct), _options.MaxConflictRetries, _logger, "upserting customers", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var row = await context.Set<CustomerRow>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken).ConfigureAwait(false);
        return row is null ? null : CustomerRowMapper.ToCustomer(row, _protector);
    }

    /// <summary>The customers whose phone number normalises to the same number as <paramref name="phone"/> (found by keyed hash, never by plaintext).</summary>
    public async Task<IReadOnlyList<Customer>> FindByPhoneAsync(string phone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(phone);
        var hash = _keys.Phone(phone)!;
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.Set<CustomerRow>().AsNoTracking().Where(c => c.PhoneHash == hash).OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => CustomerRowMapper.ToCustomer(r, _protector)).ToArray();
    }

    /// <summary>The customers whose e-mail address normalises to the same address as <paramref name="email"/>.</summary>
    public async Task<IReadOnlyList<Customer>> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var hash = _keys.Email(email)!;
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.Set<CustomerRow>().AsNoTracking().Where(c => c.EmailHash == hash).OrderBy(c => c.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(r => CustomerRowMapper.ToCustomer(r, _protector)).ToArray();
    }

    private async Task UpsertChunkAsync(Customer[] chunk, CancellationToken cancellationToken)
    {
        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var ids = chunk.Select(c => c.Id).ToArray();
        // One array/JSON parameter, not one per id (EF Core 10's default; SQLite binds by a linear name search).
        var existing = await context.Set<CustomerRow>().Where(c => EF.Parameter(ids).Contains(c.Id)).ToDictionaryAsync(c => c.Id, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        var now = Providers.Utc(_options.TimeProvider.GetUtcNow());
        foreach (var customer in chunk)
        {
            if (existing.TryGetValue(customer.Id, out var row)) row.Version++;
            else context.Add(row = new CustomerRow { Id = customer.Id, Version = 1 });
            CustomerRowMapper.Copy(customer, row, _protector, _keys);
            row.UpdatedAtUtc = now;
        }
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
