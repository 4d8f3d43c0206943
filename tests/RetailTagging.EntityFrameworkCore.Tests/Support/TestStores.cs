using Microsoft.Extensions.Time.Testing;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Stores;

namespace RetailTagging.EntityFrameworkCore.Tests.Support;

/// <summary>Every store over one test database, with fixed test keys and a fake clock.</summary>
public sealed class TestStores
{
    public static readonly StaticKeyProvider Keys = new("k1",
        new Dictionary<string, byte[]> { ["k1"] = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray() },
        Enumerable.Range(100, 32).Select(i => (byte)i).ToArray());

    public TestStores(TestDatabase database)
    {
        Database = database;
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));
        Options = new EntityFrameworkStoreOptions { TimeProvider = Clock };
        Protector = new PersonalDataProtector(Keys);
        var contexts = database.Factory;
        Customers = new EfCustomerStore<RetailTaggingDbContext>(contexts, Protector, Options);
        Events = new EfEventStore<RetailTaggingDbContext>(contexts, Options);
        Tags = new EfTagStore<RetailTaggingDbContext>(contexts, Options);
        Identity = new EfIdentityStore<RetailTaggingDbContext>(contexts, Protector, Options);
        Timers = new EfTriggerTimerStore<RetailTaggingDbContext>(contexts, Options);
        Policies = new EfTriggerPolicyStore<RetailTaggingDbContext>(contexts, Protector, Options);
        Consent = new EfConsentStore<RetailTaggingDbContext>(contexts, Options);
        Outbox = new EfOutbox<RetailTaggingDbContext>(contexts, Options);
        Scores = new EfScoreStore<RetailTaggingDbContext>(contexts, Options);
        Audit = new EfAuditLog<RetailTaggingDbContext>(contexts);
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider Clock { get; }
    public EntityFrameworkStoreOptions Options { get; }
    public PersonalDataProtector Protector { get; }
    public EfCustomerStore<RetailTaggingDbContext> Customers { get; }
    public EfEventStore<RetailTaggingDbContext> Events { get; }
    public EfTagStore<RetailTaggingDbContext> Tags { get; }
    public EfIdentityStore<RetailTaggingDbContext> Identity { get; }
    public EfTriggerTimerStore<RetailTaggingDbContext> Timers { get; }
    public EfTriggerPolicyStore<RetailTaggingDbContext> Policies { get; }
    public EfConsentStore<RetailTaggingDbContext> Consent { get; }
    public EfOutbox<RetailTaggingDbContext> Outbox { get; }
    public EfScoreStore<RetailTaggingDbContext> Scores { get; }
    public EfAuditLog<RetailTaggingDbContext> Audit { get; }

    /// <summary>A unique id for this test's rows in a shared database.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
