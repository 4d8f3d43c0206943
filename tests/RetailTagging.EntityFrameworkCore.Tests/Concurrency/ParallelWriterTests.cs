using Microsoft.EntityFrameworkCore;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Tests.Support;
using RetailTagging.Language;
using RetailTagging.Lifecycle;

namespace RetailTagging.EntityFrameworkCore.Tests.Concurrency;

/// <summary>Eight writers, each with its own contexts, on the same rows: nothing is lost, nothing is doubled.</summary>
public sealed class ParallelWriterTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private const int Writers = 8;
    private static readonly DateTimeOffset T0 = new(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory, SqliteData, PostgresData]
    public async Task Parallel_tag_saves_of_the_same_customers_lose_no_history_and_leave_one_writers_set(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.CreateAsync(provider));
        string[] customers = ["c1", "c2", "c3"];
        const int rounds = 10;

        await Parallel.ForEachAsync(Enumerable.Range(0, Writers), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (writer, ct) =>
        {
            for (var round = 0; round < rounds; round++)
                foreach (var customer in customers)
                {
                    var value = Value.FromString($"w{writer}r{round}");
                    var set = new TagSet(customer, T0.AddMinutes(round), [new TagAssignment("owner", value, T0, null, TagSource.Rule, "1")]);
                    await stores.Tags.SaveAsync(set, [new TagChange(customer, "owner", TagChangeKind.ValueChanged, Value.Null, value, T0, TagSource.Rule, "1", $"w{writer}r{round}")], ct);
                }
        });

        foreach (var customer in customers)
        {
            var history = await stores.Tags.ReadHistoryAsync(customer).ToListAsync();
            Assert.Equal(Writers * rounds, history.Count);
            Assert.Equal(Writers * rounds, history.Select(h => h.Reason).Distinct().Count());
            var tags = await stores.Tags.GetTagsAsync(customer);
            Assert.Single(tags!);
            await using var context = stores.Database.CreateContext();
            Assert.Equal(Writers * rounds, (await context.TagSets.SingleAsync(s => s.CustomerId == customer)).Version);
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task Parallel_bulk_saves_over_the_same_customers_lose_no_history(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.CreateAsync(provider));
        var customers = Enumerable.Range(0, 50).Select(i => $"b{i:D2}").ToArray();
        const int rounds = 5;

        await Parallel.ForEachAsync(Enumerable.Range(0, Writers), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (writer, ct) =>
        {
            for (var round = 0; round < rounds; round++)
            {
                var value = Value.FromNumber(writer * 100 + round);
                var updates = customers.Select(c => new TagSetUpdate(
                    new TagSet(c, T0, [new TagAssignment("score", value, T0, null, TagSource.Model, "1")]),
                    [new TagChange(c, "score", TagChangeKind.ValueChanged, Value.Null, value, T0, TagSource.Model, "1", $"w{writer}r{round}")])).ToList();
                await stores.Tags.SaveManyAsync(updates, runId: $"w{writer}", ct);
            }
        });

        await using var context = stores.Database.CreateContext();
        Assert.Equal(customers.Length * Writers * rounds, await context.TagHistory.CountAsync());
        Assert.Equal(customers.Length, await context.TagAssignments.CountAsync());
        Assert.All(await context.TagSets.ToListAsync(), s => Assert.Equal(Writers * rounds, s.Version));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Parallel_appends_of_the_same_events_store_each_event_once(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.CreateAsync(provider));
        var events = Enumerable.Range(0, 2_000).Select(i => new CustomerEvent($"e{i}", $"c{i % 10}", "purchase", T0.AddSeconds(i)) { Amount = i }).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
            await stores.Events.AppendEventsAsync(events.OrderBy(_ => Random.Shared.Next()).ToArray()))));

        Assert.Equal(events.Length, results.Sum(r => r.Stored));
        Assert.All(results, r => Assert.Equal(events.Length, r.Stored + r.DuplicateIds.Count));
        await using var context = stores.Database.CreateContext();
        Assert.Equal(events.Length, await context.Events.CountAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Parallel_outbox_updates_lose_no_attempt_and_a_firing_is_enqueued_once(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.CreateAsync(provider));
        var firing = new TriggerFiring("key-1", "welcome", "c1", "send", TriggerChannel.Sms, 0, T0, T0, 1, new Dictionary<string, string>());
        const int rounds = 10;

        var enqueued = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => Task.Run(() => stores.Outbox.EnqueueAsync(firing))));
        Assert.Equal(1, enqueued.Count(e => e));

        await Parallel.ForEachAsync(Enumerable.Range(0, Writers), new ParallelOptions { MaxDegreeOfParallelism = Writers }, async (writer, ct) =>
        {
            for (var round = 0; round < rounds; round++)
                await stores.Outbox.MarkFailedAsync("key-1", $"w{writer}r{round}", T0.AddMinutes(1), ct);
        });

        var row = await stores.Outbox.FindAsync("key-1");
        Assert.Equal(Writers * rounds, row!.Attempts);
        Assert.Equal(Writers * rounds + 1, row.Version);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_stale_update_is_refused_by_the_concurrency_token(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider);
        await using (var setup = database.CreateContext())
        {
            setup.Customers.Add(new Entities.CustomerRow { Id = "c1", Version = 1, UpdatedAtUtc = DateTime.UtcNow });
            await setup.SaveChangesAsync();
        }
        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var a = await first.Customers.SingleAsync(c => c.Id == "c1");
        var b = await second.Customers.SingleAsync(c => c.Id == "c1");
        a.City = "Shanghai"; a.Version++;
        b.City = "Beijing"; b.Version++;
        await first.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}
