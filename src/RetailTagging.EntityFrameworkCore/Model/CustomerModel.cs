using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore;

/// <summary>Customers: keyed by id (the batch keyset order), lookups by the keyed phone and email hashes.</summary>
internal static class CustomerModel
{
    public static void Configure(ModelBuilder modelBuilder, ModelNaming naming)
    {
        var customer = modelBuilder.Entity<CustomerRow>();
        naming.Table(customer, TableNames.Customers);
        customer.HasKey(c => c.Id);
        customer.Property(c => c.Id).IsRequired();
        customer.Property(c => c.Version).IsConcurrencyToken();
        customer.HasIndex(c => c.PhoneHash);
        customer.HasIndex(c => c.EmailHash);
    }
}
