using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.EntityFrameworkCore;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Tests.Support;
using RetailTagging.Language;

namespace RetailTagging.EntityFrameworkCore.Tests.Stores;

public sealed class TagStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private async Task<TestStores> StoresAsync(DatabaseProvider provider) => new(await fixture.GetAsync(provider));

    [Theory, SqliteData, PostgresData]
    public async Task A_saved_tag_set_and_its_history_read_back(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var customer = TestStores.NewId("c");
        var set = new TagSet(customer, T0, [Assignment("vip", Value.FromBool(true)), Assignment("tier", Value.FromString("gold"), expires: T0.AddDays(30))]);
        TagChange[] changes = [Change(customer, "vip", TagChangeKind.Added, Value.Null, Value.FromBool(true)), Change(customer, "tier", TagChangeKind.Added, Value.Null, Value.FromString("gold"))];

        Assert.Null(await stores.Tags.GetTagsAsync(customer));
        await stores.Tags.SaveAsync(set, changes);

        AssertSameSet(set, await stores.Tags.GetTagsAsync(customer));
        Assert.Equal(changes, await stores.Tags.ReadHistoryAsync(customer).ToListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_save_writes_only_the_assignment_rows_that_changed(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var customer = TestStores.NewId("c");
        await stores.Tags.SaveAsync(new TagSet(customer, T0, [Assignment("a", Value.FromBool(true)), Assignment("b", Value.FromNumber(1)), Assignment("c", Value.FromBool(true))]), []);

        var next = new TagSet(customer, T0.AddDays(1), [Assignment("a", Value.FromBool(true)), Assignment("b", Value.FromNumber(2))]);
        await stores.Tags.SaveAsync(next, [Change(customer, "b", TagChangeKind.ValueChanged, Value.FromNumber(1), Value.FromNumber(2)), Change(customer, "c", TagChangeKind.Removed, Value.FromBool(true), Value.Null)]);

        await using var context = stores.Database.CreateContext();
        var rows = await context.TagAssignments.Where(a => a.CustomerId == customer).OrderBy(a => a.Tag).ToListAsync();
        Assert.Equal(["a", "b"], rows.Select(r => r.Tag));
        Assert.Equal(1, rows[0].Version); // untouched
        Assert.Equal(2, rows[1].Version); // updated once
        Assert.Equal(2, (await context.TagSets.SingleAsync(s => s.CustomerId == customer)).Version);
        AssertSameSet(next, await stores.Tags.GetTagsAsync(customer));
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_tag_set_saved_then_loaded_is_equal(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var valueGen = Gen.OneOf(
            Gen.Elements(true, false).Select(Value.FromBool),
            Gen.Choose(-100_000, 100_000).Select(i => Value.FromNumber(i / 100m)),
            Gen.Elements("gold", "say \"hi\"", "back\\slash", "中文", "", "line\nbreak").Select(Value.FromString),
            Gen.Choose(0, 20_000).Select(d => Value.FromDate(DateOnly.FromDayNumber(730_000 + d))),
            Gen.Choose(-1_000, 100_000).Select(m => Value.FromDuration(TimeSpan.FromMinutes(m))),
            Gen.Choose(0, 1_000_000).Select(s => Value.FromInstant(T0.AddSeconds(s).AddTicks(s % 7 * 10))),
            Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Gen.Choose(-50, 50), n)).Select(xs => Value.FromList(xs.Select(x => Value.FromNumber(x)).ToImmutableArray())));
        var assignmentGen =
            from value in valueGen
            from hours in Gen.Choose(0, 5_000)
            from expires in Gen.Elements<int?>(null, 24, 720)
            from source in Gen.Elements(TagSource.Rule, TagSource.Manual, TagSource.Model)
            select (value, hours, expires, source);
        var property = Prop.ForAll(Gen.Choose(0, 8).SelectMany(n => Gen.ArrayOf(assignmentGen, n)).ToArbitrary(), specs =>
        {
            var customer = TestStores.NewId("p");
            var set = new TagSet(customer, T0.AddHours(specs.Length), specs.Select((s, i) => new TagAssignment($"tag{i}", s.value, T0.AddHours(-s.hours),
                s.expires is { } e ? T0.AddHours(e) : null, s.source, "v" + i)));
            stores.Tags.SaveAsync(set, []).AsTask().GetAwaiter().GetResult();
            var loaded = stores.Tags.GetTagsAsync(customer).AsTask().GetAwaiter().GetResult();
            return loaded is not null && loaded.AsOf == set.AsOf && loaded.Count == set.Count && set.Values.All(a => loaded.TryGetValue(a.Tag, out var b) && a == b);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    [Theory, SqliteData, PostgresData]
    public async Task The_bulk_save_writes_sets_changes_and_history_with_the_run_id_and_nothing_when_nothing_changed(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var prefix = TestStores.NewId("bulk");
        var first = Enumerable.Range(0, 500).Select(i => Update($"{prefix}-{i:D3}", T0, ("vip", Value.FromBool(true)), ("spend", Value.FromNumber(i)))).ToList();
        var result = await stores.Tags.SaveManyAsync(first, runId: "run-1");
        Assert.Equal(new TagSaveResult(500, 1_000, 1_000), result);

        // Half of them change one value, one loses a tag; the rest are evaluated again with the same result.
        var second = first.Select((u, i) => i % 2 == 0
            ? new TagSetUpdate(new TagSet(u.Tags.CustomerId, T0.AddDays(1), [u.Tags["vip"], Assignment("spend", Value.FromNumber(i + 1000), at: T0.AddDays(1))]),
                [Change(u.Tags.CustomerId, "spend", TagChangeKind.ValueChanged, Value.FromNumber(i), Value.FromNumber(i + 1000), T0.AddDays(1))])
            : new TagSetUpdate(u.Tags, [])).ToList();
        second[1] = new TagSetUpdate(Set(second[1].Tags.CustomerId, T0, ("vip", Value.FromBool(true))),
            [Change(second[1].Tags.CustomerId, "spend", TagChangeKind.Removed, Value.FromNumber(1), Value.Null, T0.AddDays(1))]);
        var changed = await stores.Tags.SaveManyAsync(second, runId: "run-2");

        Assert.Equal(new TagSaveResult(251, 251, 251), changed);
        var unchanged = second.Select(u => new TagSetUpdate(u.Tags, [])).ToList();
        Assert.Equal(new TagSaveResult(0, 0, 0), await stores.Tags.SaveManyAsync(unchanged, runId: "run-3"));
        AssertSameSet(second[0].Tags, await stores.Tags.GetTagsAsync(second[0].Tags.CustomerId));
        AssertSameSet(second[1].Tags, await stores.Tags.GetTagsAsync(second[1].Tags.CustomerId));
        await using var context = stores.Database.CreateContext();
        Assert.Equal(251, await context.TagHistory.CountAsync(h => h.RunId == "run-2"));
        Assert.Equal(second[2].Changes, await stores.Tags.ReadHistoryAsync(second[2].Tags.CustomerId).Skip(2).ToListAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Bulk_saves_of_any_sequence_of_tag_sets_leave_the_last_set_of_each_customer(DatabaseProvider provider)
    {
        // Each round adds, changes and removes tags of known and new customers in one call: new assignment rows are
        // copied straight into the table on PostgreSQL, changed ones merged, removed ones deleted.
        var stores = await StoresAsync(provider);
        string[] names = ["a", "b", "c", "d"];
        var round = Gen.ArrayOf(Gen.Elements(-1, 0, 1, 2), 3 * names.Length);
        var property = Prop.ForAll(Gen.Choose(1, 4).SelectMany(n => Gen.ArrayOf(round, n)).ToArbitrary(), rounds =>
        {
            var customers = Enumerable.Range(0, 3).Select(_ => TestStores.NewId("seq")).ToArray();
            var last = new TagSet?[customers.Length];
            for (var r = 0; r < rounds.Length; r++)
            {
                var asOf = T0.AddDays(r);
                var updates = customers.Select((customer, c) => Set(customer, asOf, [.. names
                        .Select((name, t) => (name, code: rounds[r][c * names.Length + t]))
                        .Where(x => x.code >= 0)
                        .Select(x => (x.name, Value.FromNumber(x.code)))]))
                    .Select(set => new TagSetUpdate(set, [])).ToList();
                stores.Tags.SaveManyAsync(updates).GetAwaiter().GetResult();
                for (var c = 0; c < customers.Length; c++) last[c] = updates[c].Tags;
            }
            return customers.Select((customer, c) => (customer, c)).All(x =>
            {
                var read = stores.Tags.GetTagsAsync(x.customer).AsTask().GetAwaiter().GetResult();
                var expected = last[x.c]!.Values.OrderBy(a => a.Tag, StringComparer.Ordinal).ToList();
                return read is not null ? read.Values.OrderBy(a => a.Tag, StringComparer.Ordinal).SequenceEqual(expected) : expected.Count == 0;
            });
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), property);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Review_steps_of_a_manual_decision_replace_it_and_are_audited(DatabaseProvider provider)
    {
        var stores = await StoresAsync(provider);
        var customer = TestStores.NewId("c");
        var pending = new ManualTagDecision(customer, "tier", ManualAction.Assign, "alice", "vip event", T0, Value.FromString("gold"), requiresReview: true);
        var removal = new ManualTagDecision(customer, "churn_risk", ManualAction.Remove, "bob", "called the customer", T0.AddMinutes(5));
        await stores.Tags.SaveManualDecisionAsync(pending);
        await stores.Tags.SaveManualDecisionAsync(removal);
        var approved = pending.Approve("carol", T0.AddHours(1));
        await stores.Tags.SaveManualDecisionAsync(approved);

        var read = await stores.Tags.ReadManualDecisionsAsync(customer).ToListAsync();
        Assert.Equal([approved, removal], read);
        var audit = await stores.Audit.ReadAsync(customer, "manual_decision");
        Assert.Equal(["alice", "bob", "carol"], audit.Select(a => a.Actor));
    }

    [Fact]
    public void A_stored_decision_in_an_impossible_state_is_refused_when_restored()
    {
        Assert.Throws<ArgumentException>(() => ManualTagDecision.Restore("c", "t", ManualAction.Assign, Value.FromBool(true), "a", "r", T0,
            ReviewStatus.Approved, null, effectiveFrom: null, effectiveUntil: null));
    }

    private static TagSetUpdate Update(string customer, DateTimeOffset asOf, params (string Tag, Value Value)[] tags) =>
        new(Set(customer, asOf, tags), tags.Select(t => Change(customer, t.Tag, TagChangeKind.Added, Value.Null, t.Value, asOf)).ToArray());

    private static TagSet Set(string customer, DateTimeOffset asOf, params (string Tag, Value Value)[] tags) =>
        new(customer, asOf, tags.Select(t => Assignment(t.Tag, t.Value, at: asOf)));

    private static TagAssignment Assignment(string tag, Value value, DateTimeOffset? expires = null, DateTimeOffset? at = null) =>
        new(tag, value, at ?? T0, expires, TagSource.Rule, "1");

    private static TagChange Change(string customer, string tag, TagChangeKind kind, Value old, Value @new, DateTimeOffset? at = null) =>
        new(customer, tag, kind, old, @new, at ?? T0, TagSource.Rule, "1", "rule");

    private static void AssertSameSet(TagSet expected, TagSet? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.CustomerId, actual.CustomerId);
        Assert.Equal(expected.AsOf, actual.AsOf);
        Assert.Equal(expected.Values.OrderBy(a => a.Tag, StringComparer.Ordinal), actual.Values.OrderBy(a => a.Tag, StringComparer.Ordinal));
    }
}
