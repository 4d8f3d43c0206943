using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Tests.Support;
using RetailTagging.Identity;

namespace RetailTagging.EntityFrameworkCore.Tests.Stores;

/// <summary>
/// The identity store's set-based writes: the same content as the in-memory store for any sequence of saves
/// (records replaced by id, identifiers replaced, assignments kept across re-saves), across chunk boundaries.
/// </summary>
public sealed class IdentityStoreBulkTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] Types = ["phone", "email", "member_id", "openid"];

    [Theory, SqliteData, PostgresData]
    public async Task Any_sequence_of_saves_reads_back_as_the_in_memory_store_holds_it(DatabaseProvider provider)
    {
        for (var seed = 1; seed <= 4; seed++)
        {
            var stores = new TestStores(await fixture.CreateAsync(provider));
            var reference = new InMemoryIdentityStore();
            var random = new Random(seed);
            var saved = new List<string>();
            for (var step = 0; step < 8; step++)
            {
                // A record may come twice in one call (the later version wins) and again in later calls.
                var batch = Enumerable.Range(0, random.Next(1, 40)).Select(_ => RandomRecord(random, $"r{random.Next(60):D2}")).ToList();
                await stores.Identity.SaveRecordsAsync(batch);
                await reference.SaveRecordsAsync(batch);
                saved.AddRange(batch.Select(r => r.Id));

                var assignments = Enumerable.Range(0, random.Next(0, 30))
                    .Select(_ => new RecordAssignment(saved[random.Next(saved.Count)], $"c{random.Next(10)}")).ToList();
                await stores.Identity.SaveAssignmentsAsync(assignments);
                await reference.SaveAssignmentsAsync(assignments);

                await AssertSameAsync(reference, stores, $"seed {seed}, step {step}");
            }
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task Large_saves_cross_chunks_and_a_re_save_keeps_the_assignment_and_replaces_the_identifiers(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider);
        var stores = new TestStores(database);
        var records = Enumerable.Range(0, 2_500).Select(i => Record($"pos:{i:D5}", 3, i)).ToList();
        await stores.Identity.SaveRecordsAsync(records);
        await stores.Identity.SaveAssignmentsAsync([.. records.Select((r, i) => new RecordAssignment(r.Id, $"c{i / 2}")), new RecordAssignment("no-such-record", "c0")]);
        await stores.Identity.SaveRecordsAsync([.. records.Select(r => r with { Identifiers = [new SourceIdentifier("member_id", "M-" + r.Id)] })]);

        await using var context = database.CreateContext();
        Assert.Equal(2_500, await context.SourceRecords.CountAsync());
        Assert.Equal(2_500, await context.SourceIdentifiers.CountAsync());
        Assert.Equal("c1249", await context.SourceRecords.Where(r => r.Id == "pos:02499").Select(r => r.CustomerId).SingleAsync());
        var read = await stores.Identity.ReadRecordsAsync().ToListAsync();
        Assert.Equal(records.Select(r => r.Id), read.Select(r => r.Id));
        Assert.All(read, r => Assert.Equal([new SourceIdentifier("member_id", "M-" + r.Id)], r.Identifiers));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Appended_changes_and_their_audit_entries_keep_their_order(DatabaseProvider provider)
    {
        var stores = new TestStores(await fixture.CreateAsync(provider));
        IdentityChange[] changes =
        [
            new(T0, IdentityChangeKind.Merged, ["c1", "c2"], ["c1"], "same phone"),
            new(T0.AddMinutes(1), IdentityChangeKind.Split, ["c1"], ["c1", "c3"], "reviewer separated"),
            new(T0.AddMinutes(2), IdentityChangeKind.Merged, ["c4", "c5"], ["c4"], "same member id"),
        ];
        await stores.Identity.AppendChangesAsync(changes[..2]);
        await stores.Identity.AppendChangesAsync(changes[2..]);

        var read = await stores.Identity.ReadChangesAsync().ToListAsync();
        Assert.Equal(changes.Select(c => (c.At, c.Kind, c.Reason, string.Join(",", c.Before), string.Join(",", c.After))),
            read.Select(c => (c.At, c.Kind, c.Reason, string.Join(",", c.Before), string.Join(",", c.After))));
        var audit = await stores.Audit.ReadAsync();
        Assert.Equal(["merge", "split", "merge"], audit.Select(a => a.Action));
        Assert.Equal("c1 -> c1,c3: reviewer separated", audit[1].Details);
        Assert.All(audit, a => Assert.Null(a.CustomerId));
    }

    private static async Task AssertSameAsync(InMemoryIdentityStore reference, TestStores stores, string because)
    {
        var expected = (await reference.ReadRecordsAsync().ToListAsync()).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        var actual = await stores.Identity.ReadRecordsAsync().ToListAsync();
        Assert.True(expected.Select(r => r.Id).SequenceEqual(actual.Select(r => r.Id)), because);
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.True((e.Source, e.Priority, e.CreatedAt, e.UpdatedAt) == (a.Source, a.Priority, a.CreatedAt, a.UpdatedAt), $"{because}: {e.Id}");
            Assert.True(e.Identifiers.SequenceEqual(a.Identifiers), $"{because}: identifiers of {e.Id}");
            Assert.True(e.Attributes.OrderBy(p => p.Key).SequenceEqual(a.Attributes.OrderBy(p => p.Key)), $"{because}: attributes of {e.Id}");
        }
        await using var context = stores.Database.CreateContext();
        var stored = await context.SourceRecords.ToDictionaryAsync(r => r.Id, r => r.CustomerId);
        foreach (var record in expected)
            Assert.True(reference.GetAssignment(record.Id) == stored[record.Id], $"{because}: assignment of {record.Id}");
    }

    private static SourceRecord RandomRecord(Random random, string id) =>
        Record(id, random.Next(0, 5), random.Next(1_000), random.Next(2) == 0 ? "pos" : "shop") with { Priority = random.Next(3) == 0 ? null : random.Next(10) };

    private static SourceRecord Record(string id, int identifiers, int variant, string source = "pos") => new(id, source)
    {
        Priority = variant % 7,
        CreatedAt = T0.AddMinutes(variant),
        UpdatedAt = T0.AddMinutes(variant + 1),
        Identifiers = [.. Enumerable.Range(0, identifiers).Select(k => new SourceIdentifier(Types[(variant + k) % Types.Length], $"{Types[(variant + k) % Types.Length]}-{variant}-{k}"))],
        Attributes = variant % 3 == 0 ? new Dictionary<string, string?>() : new Dictionary<string, string?> { ["name"] = $"客户 {variant}", ["city"] = variant % 2 == 0 ? null : "杭州" },
    };
}
