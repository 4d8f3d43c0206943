using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;
using RetailTagging.EntityFrameworkCore.Tests.Support;
using RetailTagging.Identity;
using RetailTagging.Lifecycle;
using RetailTagging.Storage;

namespace RetailTagging.EntityFrameworkCore.Tests.DependencyInjection;

public sealed class AddEntityFrameworkStoresTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Theory, SqliteData, PostgresData]
    public async Task The_stores_replace_the_in_memory_defaults_whichever_is_registered_first(DatabaseProvider provider)
    {
        var database = await fixture.GetAsync(provider);
        var services = new ServiceCollection();
        services.AddSingleton<ICustomerStore, InMemoryTaggingStore>();          // a default registered before
        database.AddContextFactory(services);
        services.AddSingleton<IEncryptionKeyProvider>(TestStores.Keys);
        services.AddEntityFrameworkStores<RetailTaggingDbContext>(o => o.MaxConflictRetries = 3);
        services.AddLifecycleTriggers(_ => { });                                // in-memory defaults registered after stay out
        await using var provider1 = services.BuildServiceProvider();

        Assert.IsType<EfCustomerStore<RetailTaggingDbContext>>(provider1.GetRequiredService<ICustomerStore>());
        Assert.IsType<EfEventStore<RetailTaggingDbContext>>(provider1.GetRequiredService<IEventStore>());
        Assert.IsType<EfTagStore<RetailTaggingDbContext>>(provider1.GetRequiredService<ITagStore>());
        Assert.IsType<EfIdentityStore<RetailTaggingDbContext>>(provider1.GetRequiredService<IIdentityStore>());
        Assert.IsType<EfTriggerTimerStore<RetailTaggingDbContext>>(provider1.GetRequiredService<ITriggerTimerStore>());
        Assert.IsType<EfTriggerPolicyStore<RetailTaggingDbContext>>(provider1.GetRequiredService<ITriggerPolicyStore>());
        Assert.IsType<EfConsentStore<RetailTaggingDbContext>>(provider1.GetRequiredService<IConsentStore>());
        Assert.IsType<EfOutbox<RetailTaggingDbContext>>(provider1.GetRequiredService<IDeadLetterStore>());
        Assert.Equal(3, provider1.GetRequiredService<EntityFrameworkStoreOptions>().MaxConflictRetries);

        var customer = new Customer(TestStores.NewId("di")) { Phone = "13812345678" };
        await provider1.GetRequiredService<ICustomerStore>().UpsertCustomersAsync([customer]);
        Assert.Equal("13812345678", (await provider1.GetRequiredService<ICustomerStore>().FindCustomerAsync(customer.Id))!.Phone);
    }

    [Fact]
    public void A_missing_key_provider_is_named_when_a_store_is_resolved()
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<RetailTaggingDbContext>(o => o.UseSqlite("Data Source=:memory:"));
        services.AddEntityFrameworkStores<RetailTaggingDbContext>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICustomerStore>());
        Assert.Contains(nameof(IEncryptionKeyProvider), error.Message);
        Assert.NotNull(provider.GetRequiredService<IEventStore>()); // stores without personal data still resolve
    }

    [Fact]
    public void A_missing_context_factory_is_named_when_a_store_is_resolved()
    {
        var services = new ServiceCollection();
        services.AddEntityFrameworkStores<RetailTaggingDbContext>();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEventStore>());
        Assert.Contains("AddDbContextFactory<RetailTaggingDbContext>", error.Message);
    }
}
