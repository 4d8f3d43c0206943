using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Tests.Support;
using RetailTagging.Identity;

namespace RetailTagging.EntityFrameworkCore.Tests.Stores;

public sealed class IdentityStoreTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 1, 9, 0, 0, TimeSpan.Zero);

    [Theory, SqliteData, PostgresData]
    public async Task Records_decisions_changes_and_assignments_read_back(DatabaseProvider provider)
    {
        var database = await fixture.CreateAsync(provider);
        var stores = new TestStores(database);
        var record = new SourceRecord("pos:1", "pos")
        {
            Priority = 3, CreatedAt = T0, UpdatedAt = T0.AddDays(1),
            Identifiers = [new SourceIdentifier("phone", "138 1234 5678"), new SourceIdentifier("member_id", "M-1"), new SourceIdentifier("phone", "138 1234 5678")],
            Attributes = new Dictionary<string, string?> { ["name"] = "王芳", ["city"] = "杭州" },
            Events = [new CustomerEvent("e1", "pos:1", "purchase", T0) { Amount = 12.5m, Properties = new Dictionary<string, object?> { ["coupon"] = "X" } }],
        };
        await stores.Identity.SaveRecordsAsync([record, new SourceRecord("shop:9", "shop")]);
        await stores.Identity.SaveRecordsAsync([record with { Priority = 4 }]);
        var link = new IdentityDecision(DecisionKind.Link, ["pos:1"], ["shop:9"], T0) { DecidedBy = "alice", Note = "same person", ReviewItemId = "r1" };
        var separate = new IdentityDecision(DecisionKind.Separate, ["pos:1"], ["x:1", "x:2"], T0.AddHours(1));
        await stores.Identity.SaveDecisionAsync(link);
        await stores.Identity.SaveDecisionAsync(separate);
        await stores.Identity.DeleteDecisionAsync(separate.Id);
        await stores.Identity.DeleteDecisionAsync("no-such-decision");
        var change = new IdentityChange(T0, IdentityChangeKind.Merged, ["c1", "c2"], ["c1"], "same phone");
        await stores.Identity.AppendChangesAsync([change]);
        await stores.Identity.SaveAssignmentsAsync([new RecordAssignment("pos:1", "c1"), new RecordAssignment("shop:9", "c1")]);

        var records = await stores.Identity.ReadRecordsAsync().ToListAsync();
        Assert.Equal(["pos:1", "shop:9"], records.Select(r => r.Id));
        var read = records[0];
        Assert.Equal((4, record.CreatedAt, record.UpdatedAt), (read.Priority, read.CreatedAt, read.UpdatedAt));
        Assert.Equal(record.Identifiers, read.Identifiers);
        Assert.Equal("王芳", read.Attributes["name"]);
        var e = Assert.Single(read.Events);
        Assert.Equal(("e1", 12.5m, (object?)"X"), (e.Id, e.Amount!.Value, e.Properties["coupon"]));
        Assert.Equal([link], await stores.Identity.ReadDecisionsAsync().ToListAsync(), new DecisionComparer());
        var changes = await stores.Identity.ReadChangesAsync().ToListAsync();
        Assert.Equal((change.At, change.Kind, change.Reason), (changes[0].At, changes[0].Kind, changes[0].Reason));
        Assert.Equal(change.Before, changes[0].Before);
        Assert.Single(await stores.Audit.ReadAsync(action: "merge"));
        await using var context = database.CreateContext();
        Assert.Equal(["c1", "c1"], await context.SourceRecords.OrderBy(r => r.Id).Select(r => r.CustomerId).ToListAsync());
        Assert.Equal(3, await context.SourceIdentifiers.CountAsync(i => i.RecordId == "pos:1"));
    }

    private sealed class DecisionComparer : IEqualityComparer<IdentityDecision>
    {
        public bool Equals(IdentityDecision? x, IdentityDecision? y) =>
            x!.Id == y!.Id && x.DecidedAt == y.DecidedAt && x.DecidedBy == y.DecidedBy && x.Note == y.Note && x.ReviewItemId == y.ReviewItemId
            && x.LeftRecordIds.SequenceEqual(y.LeftRecordIds) && x.RightRecordIds.SequenceEqual(y.RightRecordIds);

        public int GetHashCode(IdentityDecision obj) => obj.Id.GetHashCode(StringComparison.Ordinal);
    }
}
