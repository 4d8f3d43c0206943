using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using RetailTagging.EntityFrameworkCore.Tests.Support;
using RetailTagging.Lifecycle;

namespace RetailTagging.EntityFrameworkCore.Tests.Lifecycle;

/// <summary>
/// The contract of <see cref="ITriggerPolicyStore"/>, run on the in-memory store (the reference) and on the EF Core
/// store over SQLite and PostgreSQL, plus a law: any sequence of calls answers on the database as it does in memory.
/// </summary>
public sealed class TriggerPolicyStoreContractTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A fresh store: in memory when <paramref name="provider"/> is null, else over a new database (and a factory for "restarted" instances).</summary>
    private async Task<(ITriggerPolicyStore Store, Func<ITriggerPolicyStore> Reopen)> OpenAsync(DatabaseProvider? provider)
    {
        if (provider is not { } database)
        {
            var memory = new InMemoryTriggerPolicyStore();
            return (memory, () => memory);
        }
        var db = await fixture.CreateAsync(database);
        return (new TestStores(db).Policies, () => new TestStores(db).Policies);
    }

    [Theory, InMemoryData, SqliteData, PostgresData]
    public async Task Decided_keys_are_remembered_until_they_expire_and_a_later_mark_replaces_the_expiry(DatabaseProvider? provider)
    {
        var (store, _) = await OpenAsync(provider);
        Assert.False(store.IsDecided("k", T0));
        store.MarkDecided("k", T0.AddDays(1));
        Assert.True(store.IsDecided("k", T0));
        Assert.True(store.IsDecided("k", T0.AddDays(1).AddTicks(-10)));
        Assert.False(store.IsDecided("k", T0.AddDays(1)));
        Assert.False(store.IsDecided("other", T0));

        store.MarkDecided("k", T0.AddDays(3));
        store.Prune(T0.AddDays(2), T0);
        Assert.True(store.IsDecided("k", T0.AddDays(2)));
        store.MarkDecided("k", T0.AddHours(1)); // a later call replaces the expiry, even with an earlier one
        Assert.False(store.IsDecided("k", T0.AddHours(2)));
        store.Prune(T0.AddDays(3), T0);
        Assert.False(store.IsDecided("k", T0));
    }

    [Theory, InMemoryData, SqliteData, PostgresData]
    public async Task Deliveries_set_the_cooldown_instant_and_marketing_ones_count_as_touches_until_pruned(DatabaseProvider? provider)
    {
        var (store, _) = await OpenAsync(provider);
        store.RecordDelivery("c1", "a", marketing: true, T0);
        store.RecordDelivery("c1", "b", marketing: true, T0.AddDays(2));
        store.RecordDelivery("c1", "svc", marketing: false, T0.AddDays(2));
        store.RecordDelivery("c1", "b", marketing: true, T0.AddDays(2)); // two touches at one instant are two touches
        store.RecordDelivery("c2", "a", marketing: true, T0.AddDays(1));

        Assert.Equal(3, store.CountTouches("c1", T0.AddTicks(-10)));
        Assert.Equal(2, store.CountTouches("c1", T0));
        Assert.Equal(0, store.CountTouches("c1", T0.AddDays(2)));
        Assert.Equal(0, store.CountTouches("c3", DateTimeOffset.MinValue));
        Assert.Equal(T0, store.LastDelivery("c1", "a"));
        Assert.Equal(T0.AddDays(2), store.LastDelivery("c1", "svc"));
        Assert.Equal(T0.AddDays(1), store.LastDelivery("c2", "a"));
        Assert.Null(store.LastDelivery("c2", "b"));

        store.Prune(T0.AddDays(9), T0.AddDays(1));
        Assert.Equal(2, store.CountTouches("c1", DateTimeOffset.MinValue));
        Assert.Equal(0, store.CountTouches("c2", DateTimeOffset.MinValue));
        Assert.Equal(T0, store.LastDelivery("c1", "a")); // cooldown instants are kept
        store.Prune(T0.AddDays(9), T0.AddDays(2));
        Assert.Equal(0, store.CountTouches("c1", DateTimeOffset.MinValue));
    }

    [Theory, InMemoryData, SqliteData, PostgresData]
    public async Task A_scheduler_restarted_over_the_same_store_keeps_cooldowns_caps_and_decided_keys(DatabaseProvider? provider)
    {
        var (store, reopen) = await OpenAsync(provider);
        var time = new FakeTimeProvider(T0);
        var timers = new InMemoryTriggerTimerStore();
        TriggerDefinition[] triggers = [Trigger.OnEvent("browse", "page_view").WithCooldown(TimeSpan.FromDays(1)), Trigger.OnEvent("cart", "cart_add")];
        TriggerScheduler Scheduler(KeySink sink, ITriggerPolicyStore policies) =>
            new(new LifecycleOptions { FrequencyCap = new FrequencyCap(2, TimeSpan.FromDays(7)) }.Add(triggers), sink, timers, timeProvider: time, policies: policies);

        var before = Scheduler(new KeySink(), store);
        await before.OnEventAsync(new CustomerEvent("v1", "c1", "page_view", T0));
        await before.OnEventAsync(new CustomerEvent("a1", "c2", "cart_add", T0));
        await before.OnEventAsync(new CustomerEvent("a2", "c2", "cart_add", T0));

        var sink = new KeySink();
        var after = Scheduler(sink, reopen());
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal("cooldown", (await after.OnEventAsync(new CustomerEvent("v2", "c1", "page_view", time.GetUtcNow())))[0].Reason);
        Assert.Equal("frequency cap", (await after.OnEventAsync(new CustomerEvent("a3", "c2", "cart_add", time.GetUtcNow())))[0].Reason);
        Assert.Equal(TriggerOutcome.Duplicate, (await after.OnEventAsync(new CustomerEvent("v1", "c1", "page_view", T0)))[0].Outcome);
        Assert.Empty(sink.Keys);
    }

    /// <summary>
    /// The law: for a random sequence of calls (instants moving forward as a scheduler's clock does, keys and
    /// customers from small pools so they collide), every answer of the database store equals the in-memory store's.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task Any_sequence_of_calls_answers_as_the_in_memory_store_does(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider);
        var seeds = Arb.From(Gen.Choose(0, int.MaxValue));
        var property = Prop.ForAll(seeds, seed =>
        {
            var random = new Random(seed);
            var reference = new InMemoryTriggerPolicyStore();
            ITriggerPolicyStore stored = new TestStores(database).Policies;
            var prefix = $"s{seed}-"; // each case its own customers and keys in the shared database
            var now = T0;
            for (var step = 0; step < 25; step++)
            {
                now = now.AddMinutes(random.Next(0, 4) * 30);
                var customer = prefix + "c" + random.Next(3);
                var trigger = "t" + random.Next(2);
                var key = prefix + "k" + random.Next(4);
                var probe = now.AddMinutes(random.Next(-600, 601));
                string call;
                object? expected, actual;
                switch (random.Next(6))
                {
                    case 0:
                        var expires = now.AddMinutes(random.Next(0, 600));
                        reference.MarkDecided(key, expires);
                        stored.MarkDecided(key, expires);
                        (call, expected, actual) = ($"MarkDecided({key}, {expires:O})", null, null);
                        break;
                    case 1:
                        var marketing = random.Next(3) > 0;
                        reference.RecordDelivery(customer, trigger, marketing, now);
                        stored.RecordDelivery(customer, trigger, marketing, now);
                        (call, expected, actual) = ($"RecordDelivery({customer}, {trigger}, {marketing}, {now:O})", null, null);
                        break;
                    case 2:
                        var touchesUpTo = probe.AddMinutes(-random.Next(0, 600));
                        reference.Prune(probe, touchesUpTo);
                        stored.Prune(probe, touchesUpTo);
                        (call, expected, actual) = ($"Prune({probe:O}, {touchesUpTo:O})", null, null);
                        break;
                    case 3:
                        (call, expected, actual) = ($"IsDecided({key}, {probe:O})", reference.IsDecided(key, probe), stored.IsDecided(key, probe));
                        break;
                    case 4:
                        (call, expected, actual) = ($"LastDelivery({customer}, {trigger})", reference.LastDelivery(customer, trigger), stored.LastDelivery(customer, trigger));
                        break;
                    default:
                        (call, expected, actual) = ($"CountTouches({customer}, {probe:O})", reference.CountTouches(customer, probe), stored.CountTouches(customer, probe));
                        break;
                }
                if (!Equals(expected, actual)) return false.Label($"seed {seed}, step {step}: {call}: in memory {expected}, stored {actual}");
            }
            return true.ToProperty();
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    /// <summary>Eight writers (each its own store instance, as eight hosts) record deliveries and decisions for the same customer at once.</summary>
    [Theory, SqliteData, PostgresData]
    public async Task Concurrent_writers_lose_no_touch_no_decided_key_and_keep_the_latest_delivery(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider);
        const int writers = 8, rounds = 25;
        await Parallel.ForEachAsync(Enumerable.Range(0, writers), new ParallelOptions { MaxDegreeOfParallelism = writers }, (writer, _) =>
        {
            ITriggerPolicyStore store = new TestStores(database).Policies;
            for (var round = 0; round < rounds; round++)
            {
                store.RecordDelivery("c1", "promo", marketing: true, T0.AddMinutes(round * writers + writer));
                store.MarkDecided($"promo|c1|r{round}", T0.AddDays(1 + writer)); // every writer marks the same keys
                store.MarkDecided($"promo|c1|w{writer}r{round}", T0.AddDays(1));
            }
            return ValueTask.CompletedTask;
        });

        ITriggerPolicyStore check = new TestStores(database).Policies;
        Assert.Equal(writers * rounds, check.CountTouches("c1", DateTimeOffset.MinValue));
        Assert.Equal(T0.AddMinutes(rounds * writers - 1), check.LastDelivery("c1", "promo"));
        for (var round = 0; round < rounds; round++)
        {
            Assert.True(check.IsDecided($"promo|c1|r{round}", T0.AddHours(23)));
            for (var writer = 0; writer < writers; writer++) Assert.True(check.IsDecided($"promo|c1|w{writer}r{round}", T0.AddHours(23)));
        }
    }

    private sealed class KeySink : ITriggerSink
    {
        public List<string> Keys { get; } = [];

        public ValueTask DeliverAsync(TriggerFiring firing, CancellationToken cancellationToken)
        {
            Keys.Add(firing.IdempotencyKey);
            return ValueTask.CompletedTask;
        }
    }
}
