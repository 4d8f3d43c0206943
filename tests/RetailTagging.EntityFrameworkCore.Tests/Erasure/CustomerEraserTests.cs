using System.Text;
using Microsoft.EntityFrameworkCore;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Erasure;
using RetailTagging.EntityFrameworkCore.Privacy;
using RetailTagging.EntityFrameworkCore.Tests.Support;

namespace RetailTagging.EntityFrameworkCore.Tests.Erasure;

public sealed class CustomerEraserTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly PersonalDataProtector Protector = new(new StaticKeyProvider("erasure",
        new Dictionary<string, byte[]> { ["erasure"] = Enumerable.Range(3, 32).Select(i => (byte)i).ToArray() },
        Enumerable.Range(90, 32).Select(i => (byte)i).ToArray()));

    private static readonly Person Erased = new("CUST-4711", "张伟", "+8613912345678", "zhang.wei@example.com", "pos:88001");
    private static readonly Person Kept = new("CUST-5000", "Li Na", "+8613800138111", "li.na@example.cn", "shop:51");

    [Theory, SqliteData, PostgresData]
    public async Task After_erasure_no_table_holds_the_id_the_personal_data_or_their_hashes(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider);
        await using var context = database.CreateContext();
        await SeedEveryTableAsync(context, Erased, Kept);
        // The seed reaches every table of the model, so a table added later fails here until the seed (and the eraser) cover it.
        var countsBefore = await DatabaseSearch.CountRowsAsync(context);
        Assert.All(countsBefore, table => Assert.True(table.Value > 0, $"{table.Key} has no seeded row"));
        Assert.NotEmpty(await DatabaseSearch.FindAsync(context, Needles(Erased), HashNeedles(Erased)));

        var result = await new CustomerEraser(context, Protector).EraseAsync(Erased.Id, "dpo@retailer.example");

        var hits = await DatabaseSearch.FindAsync(context, Needles(Erased), HashNeedles(Erased));
        Assert.True(hits.Count == 0, "Found after erasure: " + string.Join("; ", hits.Select(h => $"{h.Table}.{h.Column} holds {h.Needle}: {h.Excerpt}")));
        Assert.True(result.CustomerFound);
        Assert.Equal(ErasedOwnRows, result.TotalRowsDeleted);
        Assert.StartsWith("erased:", result.ErasureReference, StringComparison.Ordinal);

        // The erasure itself is audited, by reference only.
        var audit = await context.Set<AuditLogRow>().AsNoTracking().SingleAsync(a => a.Action == CustomerEraser.AuditAction);
        Assert.Equal("dpo@retailer.example", audit.Actor);
        Assert.Equal(result.ErasureReference, audit.CustomerId);
        // Earlier audit entries about the customer survive, pseudonymised, and the other customer's are untouched.
        Assert.Equal(2, await context.Set<AuditLogRow>().CountAsync(a => a.CustomerId == result.ErasureReference && a.Action != CustomerEraser.AuditAction));
        var merge = await context.Set<IdentityChangeRow>().AsNoTracking().SingleAsync();
        Assert.Contains(result.ErasureReference, merge.BeforeJson, StringComparison.Ordinal);
        Assert.Contains(Kept.Id, merge.BeforeJson, StringComparison.Ordinal);
        var checkpoint = await context.Set<BatchCheckpointRow>().AsNoTracking().SingleAsync(c => c.RunId == "nightly");
        Assert.Equal("CUST-4710", checkpoint.LastCustomerId);

        // The other customer is untouched: every one of their rows is still there and still readable.
        Assert.Equal(KeptRowCount(countsBefore), await CountKeptRowsAsync(context));
        var kept = await context.Set<CustomerRow>().AsNoTracking().SingleAsync(c => c.Id == Kept.Id);
        Assert.Equal(Kept.Phone, Protector.Unprotect(kept.PhoneCipher));
        Assert.NotEmpty(await DatabaseSearch.FindAsync(context, [Kept.Id, "CUST-4710"], [Protector.Hash(Kept.Phone)!]));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Erasing_twice_or_an_unknown_id_deletes_nothing_more_and_is_audited(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider);
        await using var context = database.CreateContext();
        await SeedEveryTableAsync(context, Erased, Kept);
        var eraser = new CustomerEraser(context, Protector);
        await eraser.EraseAsync(Erased.Id, "dpo");
        var before = await DatabaseSearch.CountRowsAsync(context);

        var again = await eraser.EraseAsync(Erased.Id, "dpo");
        var unknown = await eraser.EraseAsync("nobody", "dpo");

        Assert.False(again.CustomerFound);
        Assert.Equal(0, again.TotalRowsDeleted);
        Assert.Equal(0, unknown.TotalRowsDeleted);
        Assert.Equal(again.ErasureReference, eraser.ReferenceFor(Erased.Id));
        Assert.NotEqual(unknown.ErasureReference, again.ErasureReference);
        var after = await DatabaseSearch.CountRowsAsync(context);
        foreach (var (table, rows) in before)
            Assert.Equal(table.EndsWith("audit_log", StringComparison.Ordinal) ? rows + 2 : rows, after[table]);
    }

    [Fact]
    public async Task A_context_without_the_model_is_refused_with_a_clear_error()
    {
        await using var context = new DbContext(new DbContextOptionsBuilder().UseSqlite("Data Source=:memory:").Options);
        var error = Assert.Throws<ArgumentException>(() => new CustomerEraser(context, Protector));
        Assert.Contains("ApplyRetailTaggingModel", error.Message, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    [Fact]
    public void Scrubbing_matches_whole_tokens_only()
    {
        var traces = new PersonalTraces("C1", "erased:ab");
        traces.AddText("+8613912345678");
        Assert.Equal("merged erased:ab into C10; phone [erased]", traces.Scrub("merged C1 into C10; phone +8613912345678"));
        Assert.False(traces.Contains("C10 and C100"));
    }

    private sealed record Person(string Id, string Name, string Phone, string Email, string RecordId);

    private static IEnumerable<string> Needles(Person p) => [p.Id, p.Name, p.Phone, p.Email, p.RecordId, p.Phone[3..]];

    private static IEnumerable<byte[]> HashNeedles(Person p) =>
        new[] { p.Id, p.Name, p.Phone, p.Email, p.Phone[3..], p.Email.ToUpperInvariant() }.Select(v => Protector.Hash(v)!)
            .Concat([Encoding.UTF8.GetBytes(p.Email)]);

    private static async Task SeedEveryTableAsync(DbContext context, Person erased, Person kept)
    {
        var at = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        // A customer whose id sorts just before the erased one, for the checkpoint that stopped at the erased customer.
        context.Add(new CustomerRow { Id = "CUST-4710", UpdatedAtUtc = at });
        foreach (var p in new[] { erased, kept })
        {
            context.Add(new CustomerRow
            {
                Id = p.Id, NameCipher = Protector.Protect(p.Name), PhoneCipher = Protector.Protect(p.Phone), PhoneHash = Protector.Hash(p.Phone),
                EmailCipher = Protector.Protect(p.Email), EmailHash = Protector.Hash(p.Email), City = "Hangzhou", UpdatedAtUtc = at,
                AttributesJson = """{"member_id":"M1000000001"}""",
            });
            context.Add(new SourceRecordRow { Id = p.RecordId, Source = "pos", CustomerId = p.Id, AttributesCipher = Protector.Protect($$"""{"name":"{{p.Name}}"}""") });
            context.Add(new SourceIdentifierRow { RecordId = p.RecordId, Type = "phone", ValueHash = Protector.Hash(p.Phone)!, ValueCipher = Protector.Protect(p.Phone)! });
            context.Add(new EventRow { Id = p.Id + "-e1", CustomerId = p.Id, Type = "purchase", AtUtc = at, Amount = 12.5m, PropertiesJson = """{"payment":"card"}""", StoredAtUtc = at });
            context.Add(new TagSetRow { CustomerId = p.Id, AsOfUtc = at });
            context.Add(new TagAssignmentRow { CustomerId = p.Id, Tag = "vip", Value = "true", AssignedAtUtc = at, RuleVersion = "v1" });
            context.Add(new TagHistoryRow { CustomerId = p.Id, Tag = "vip", Kind = "Added", NewValue = "true", AtUtc = at, RuleVersion = "v1", Reason = "rule", RunId = "r1" });
            context.Add(new ManualDecisionRow { CustomerId = p.Id, Tag = "vip", Action = "Assign", DecidedBy = "mei", Reason = "called", DecidedAtUtc = at, Status = "Approved", EffectiveFromUtc = at });
            context.Add(new ScoreSnapshotRow { CustomerId = p.Id, Score = "churn", AsOfUtc = at, Value = 0.4 });
            context.Add(new TriggerTimerRow { TriggerId = "welcome", CustomerId = p.Id, CauseId = p.Id + "-e1", CausedAtUtc = at, DueAtUtc = at.AddDays(3), Stage = "Scheduled", Channel = "Sms" });
            context.Add(new TriggerDeliveryRow { CustomerId = p.Id, TriggerId = "welcome", DeliveredAtUtc = at });
            context.Add(new TriggerTouchRow { CustomerId = p.Id, AtUtc = at });
            // Decided keys name the customer, so only their keyed hash is stored: nothing to erase, it expires with the key retention.
            context.Add(new TriggerDecisionRow { KeyHash = Protector.Hash($"welcome|{p.Id}|event:{p.Id}-e1")!, ExpiresAtUtc = at.AddDays(400) });
            context.Add(new OutboxMessageRow { IdempotencyKey = "welcome:" + p.Id, TriggerId = "welcome", CustomerId = p.Id, Action = "coupon", Channel = "Sms", CausedAtUtc = at,
                PropertiesJson = $$"""{"phone":"{{p.Phone}}"}""", UpdatedAtUtc = at });
            context.Add(new ConsentRow { CustomerId = p.Id, Channel = "Sms", OptedOut = false, AtUtc = at });
            context.Add(new AuditLogRow { AtUtc = at, Actor = "mei", Action = "manual_decision", CustomerId = p.Id, Details = $"assigned vip after a call from {p.Phone}" });
        }
        // Entries about the erased customer elsewhere: free text naming them, merge history, a review decision, a checkpoint.
        context.Add(new AuditLogRow { AtUtc = at, Actor = "identity", Action = "merge", CustomerId = erased.Id, Details = $"merged {erased.Id} ({erased.Email}) with {kept.Id}" });
        context.Add(new AuditLogRow { AtUtc = at, Actor = "ops", Action = "note", Details = $"{erased.Name} called about {kept.Id}" });
        context.Add(new IdentityChangeRow { AtUtc = at, Kind = "Merged", BeforeJson = $"""["{erased.Id}","{kept.Id}"]""", AfterJson = $"""["{kept.Id}"]""", Reason = "same phone" });
        context.Add(new IdentityDecisionRow { Id = "d1", Kind = "Separate", LeftJson = $"""["{erased.RecordId}"]""", RightJson = $"""["{kept.RecordId}"]""", DecidedAtUtc = at, DecidedBy = "mei" });
        context.Add(new IdentityDecisionRow { Id = "d2", Kind = "Link", LeftJson = $"""["{kept.RecordId}","web:9"]""", RightJson = """["app:3"]""", DecidedAtUtc = at, DecidedBy = "mei" });
        context.Add(new TagDefinitionRow { Name = "vip", Version = "v1", Expression = "true", CreatedAtUtc = at });
        context.Add(new BatchCheckpointRow { RunId = "nightly", AsOfUtc = at, LastCustomerId = erased.Id, CustomersProcessed = 2, StartedAtUtc = at });
        await context.SaveChangesAsync();
        context.ChangeTracker.Clear();
    }

    // Rows that belong to the kept customer or to nobody: everything seeded minus the erased customer's own rows.
    private static long KeptRowCount(IReadOnlyDictionary<string, long> before) => before.Values.Sum() - ErasedOwnRows;

    // Customer, source record, identifier, event, tag set, assignment, history, manual decision, score, timer, trigger delivery,
    // touch, outbox, consent (14) and the review decision about the erased record only (d1).
    private const long ErasedOwnRows = 15;

    private static async Task<long> CountKeptRowsAsync(DbContext context)
    {
        var counts = await DatabaseSearch.CountRowsAsync(context);
        return counts.Values.Sum() - 1; // minus the erase_customer audit entry
    }
}
