namespace RetailTagging.Storage;

/// <summary>Where a host keeps customer snapshots (golden records). Implemented in memory here and by the EF Core adapter.</summary>
public interface ICustomerStore
{
    /// <summary>Inserts or replaces the given customers, matched by id.</summary>
    ValueTask UpsertCustomersAsync(IReadOnlyList<Customer> customers, CancellationToken cancellationToken = default);

    /// <summary>The customer with this id, or <see langword="null"/> when there is none.</summary>
    ValueTask<Customer?> FindCustomerAsync(string customerId, CancellationToken cancellationToken = default);
}
