using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;
using RetailTagging.Language;
using RetailTagging.Synthetic;

namespace RetailTagging.EntityFrameworkCore.CrashHost;

/// <summary>Stores the first customers of the seeded synthetic population and their events through the EF Core stores: the same data on every call.</summary>
internal static class SyntheticSeed
{
    public static async Task SeedAsync(IDbContextFactory<RetailTaggingDbContext> contexts, PersonalDataProtector protector, TagSchema schema, int customers)
    {
        var options = new EntityFrameworkStoreOptions { EventSchema = schema };
        var customerStore = new EfCustomerStore<RetailTaggingDbContext>(contexts, protector, options);
        var eventStore = new EfEventStore<RetailTaggingDbContext>(contexts, options);
        var generator = new RetailDataGenerator(new RetailDataOptions { CustomerCount = customers });
        foreach (var page in generator.Customers().Chunk(250))
        {
            await customerStore.UpsertCustomersAsync(page.Select(c => c.Customer).ToList());
            var result = await eventStore.AppendEventsAsync(page.SelectMany(c => c.Events).ToList());
            if (result.Rejected.Count > 0)
                throw new InvalidOperationException($"{result.Rejected.Count} synthetic events were rejected, e.g. {result.Rejected[0].EventId}: {result.Rejected[0].Reason}");
        }
    }
}
