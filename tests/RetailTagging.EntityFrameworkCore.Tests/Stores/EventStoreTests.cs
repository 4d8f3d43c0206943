using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.Stores;

public sealed class EventStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private async Task<TestStores> StoresAsync(DatabaseProvider provider) => new(await fixture.GetAsync(provider));

    [Theory, SqliteData, PostgresData]
    public async Task Append_stores_valid_events_reports_duplicates_and_rejects_invalid_ones_with_reasons(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var customer = TestStores.NewId("c");
        var first = Purchase(customer, "e1", T0, 99.5m);
        await stores.Events.AppendEventsAsync([first]);

        var result = await stores.Events.AppendEventsAsync(
        [
            first,                                                        // stored before
            Purchase(customer, "e2", T0.AddHours(1), 10m),
            Purchase(customer, "e2", T0.AddHours(1), 10m),                // twice in the same call
            new CustomerEvent(customer + "e3", customer, "", T0),          // no type
            Purchase(customer, "e4", T0.AddHours(2), 5m),
        ]);

        Assert.Equal(2, result.Stored);
        Assert.Equal([customer + "e1", customer + "e2"], result.DuplicateIds.Order());
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(customer + "e3", rejected.EventId);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
        var read = await stores.Events.ReadEventsAsync(customer).ToListAsync();
        Assert.Equal([customer + "e1", customer + "e2", customer + "e4"], read.Select(e => e.Id));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Events_read_back_with_every_field_and_typed_properties(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var customer = TestStores.NewId("c");
        var original = new CustomerEvent(customer + "x", customer, "purchase", new DateTimeOffset(2026, 3, 1, 18, 30, 15, 123, TimeSpan.FromHours(8)))
        {
            Channel = "pos", Store = "S01", Amount = 1234.5678m, Sku = "SKU-1", Category = "shoes", Brand = "acme", Quantity = 2m,
            Properties = new Dictionary<string, object?>
            {
                ["coupon"] = "SPRING", ["first_order"] = true, ["points"] = 12.5m, ["delivered_on"] = new DateOnly(2026, 3, 3),
                ["paid_at"] = new DateTimeOffset(2026, 3, 1, 10, 31, 0, TimeSpan.Zero), ["wait"] = TimeSpan.FromMinutes(90), ["note"] = null,
            },
        };
        await stores.Events.AppendEventsAsync([original]);

        var read = Assert.Single(await stores.Events.ReadEventsAsync(customer).ToListAsync());
        AssertSame(original, read);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Reading_since_an_instant_skips_earlier_events_and_ties_are_in_id_order(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var customer = TestStores.NewId("c");
        await stores.Events.AppendEventsAsync([Purchase(customer, "b", T0, 1m), Purchase(customer, "a", T0, 1m), Purchase(customer, "c", T0.AddDays(-1), 1m)]);

        Assert.Equal([customer + "c", customer + "a", customer + "b"], (await stores.Events.ReadEventsAsync(customer).ToListAsync()).Select(e => e.Id));
        Assert.Equal([customer + "a", customer + "b"], (await stores.Events.ReadEventsAsync(customer, T0).ToListAsync()).Select(e => e.Id));
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_bulk_path_stores_large_appends_across_chunks_and_reports_every_duplicate(DatabaseProvider provider)
    {
        var database = await fixture.GetAsync(provider);
        var stores = new TestStores(database);
        stores.Options.EventChunkSize = 3_000;
        var customer = TestStores.NewId("c");
        var events = Enumerable.Range(0, 10_000).Select(i => Purchase(customer, $"-{i:D5}", T0.AddMinutes(i), i)).ToList();

        var first = await stores.Events.AppendEventsAsync(events);
        var again = await stores.Events.AppendEventsAsync(events);

        Assert.Equal(10_000, first.Stored);
        Assert.Empty(first.DuplicateIds);
        Assert.Equal(0, again.Stored);
        Assert.Equal(10_000, again.DuplicateIds.Count);
        await using var context = database.CreateContext();
        Assert.Equal(10_000, await context.Events.CountAsync(e => e.CustomerId == customer));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_chunk_holding_a_stored_id_stores_only_its_new_events_and_later_chunks_all_of_theirs(DatabaseProvider provider)
    {
        // On PostgreSQL the first chunk takes the optimistic COPY, the second fails it on the stored id and is merged,
        // and the rest are merged too: every new event is stored once, every stored or repeated id reported once.
        var database = await fixture.GetAsync(provider);
        var stores = new TestStores(database);
        stores.Options.EventChunkSize = 1_000;
        var customer = TestStores.NewId("c");
        var events = Enumerable.Range(0, 5_000).Select(i => Purchase(customer, $"-{i:D5}", T0.AddMinutes(i), i)).ToList();
        await stores.Events.AppendEventsAsync([events[1_500], events[4_200]]);

        var result = await stores.Events.AppendEventsAsync([.. events, events[300]]);

        Assert.Equal(4_998, result.Stored);
        Assert.Equal([events[300].Id, events[1_500].Id, events[4_200].Id], result.DuplicateIds.Order(StringComparer.Ordinal));
        await using var context = database.CreateContext();
        Assert.Equal(5_000, await context.Events.CountAsync(e => e.CustomerId == customer));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Appends_store_each_id_once_whatever_the_chunk_size_and_the_ids_stored_before(DatabaseProvider provider)
    {
        var database = await fixture.GetAsync(provider);
        var property = Prop.ForAll(
            Gen.Choose(1, 40).ToArbitrary(),
            Gen.Choose(1, 7).ToArbitrary(),
            Gen.Choose(0, 1_000_000).ToArbitrary(),
            (count, chunkSize, seed) =>
            {
                var stores = new TestStores(database);
                stores.Options.EventChunkSize = chunkSize;
                var customer = TestStores.NewId("q");
                var random = new Random(seed);
                var events = Enumerable.Range(0, count).Select(i => Purchase(customer, $"-{i}", T0.AddMinutes(i), i)).ToList();
                var before = events.Where(_ => random.Next(4) == 0).ToList();
                var repeated = events.Where(_ => random.Next(5) == 0).ToList();
                stores.Events.AppendEventsAsync(before).AsTask().GetAwaiter().GetResult();
                var result = stores.Events.AppendEventsAsync([.. events, .. repeated]).AsTask().GetAwaiter().GetResult();
                var read = stores.Events.ReadEventsAsync(customer).ToListAsync().AsTask().GetAwaiter().GetResult();
                var expectedDuplicates = before.Concat(repeated).Select(e => e.Id).Order(StringComparer.Ordinal);
                return result.Stored == count - before.Count
                    && result.DuplicateIds.Order(StringComparer.Ordinal).SequenceEqual(expectedDuplicates)
                    && read.Select(e => e.Id).Order(StringComparer.Ordinal).SequenceEqual(events.Select(e => e.Id).Order(StringComparer.Ordinal));
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(25), property);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Events_appended_in_any_order_with_duplicates_read_back_identical(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var property = Prop.ForAll(
            Gen.Choose(1, 25).SelectMany(n => Gen.ArrayOf(Gen.Choose(0, 60), n)).ToArbitrary(),
            Gen.Choose(0, 1_000_000).ToArbitrary(),
            (minutes, seed) =>
            {
                var customer = TestStores.NewId("p");
                var events = minutes.Select((m, i) => Purchase(customer, $"-{i}", T0.AddMinutes(m).AddTicks(i * 10), i + 0.25m)).ToList();
                var random = new Random(seed);
                var shuffled = events.Concat(events.Where(_ => random.Next(3) == 0)).OrderBy(_ => random.Next()).ToList();
                // Appended in two calls, so duplicates arrive both within a call and across calls.
                var half = shuffled.Count / 2;
                stores.Events.AppendEventsAsync(shuffled[..half]).AsTask().GetAwaiter().GetResult();
                stores.Events.AppendEventsAsync(shuffled[half..]).AsTask().GetAwaiter().GetResult();
                var read = stores.Events.ReadEventsAsync(customer).ToListAsync().AsTask().GetAwaiter().GetResult();
                var expected = events.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).ToList();
                return read.Count == expected.Count && read.Zip(expected).All(p => Same(p.First, p.Second));
            });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), property);
    }

    private static CustomerEvent Purchase(string customer, string suffix, DateTimeOffset at, decimal amount) =>
        new(customer + suffix, customer, "purchase", at) { Amount = amount, Channel = "online" };

    private static bool Same(CustomerEvent a, CustomerEvent b) =>
        a.Id == b.Id && a.CustomerId == b.CustomerId && a.Type == b.Type && a.At == b.At && a.Channel == b.Channel && a.Store == b.Store
        && a.Amount == b.Amount && a.Sku == b.Sku && a.Category == b.Category && a.Brand == b.Brand && a.Quantity == b.Quantity
        && a.Properties.Count == b.Properties.Count && a.Properties.All(p => b.Properties.TryGetValue(p.Key, out var v) && Equals(p.Value, v));

    private static void AssertSame(CustomerEvent expected, CustomerEvent actual)
    {
        Assert.True(Same(expected, actual), $"expected {expected} but read {actual}");
        Assert.Equal(expected.At.UtcTicks, actual.At.UtcTicks);
    }
}
