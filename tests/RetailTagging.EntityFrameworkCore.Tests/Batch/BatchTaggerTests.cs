using Microsoft.EntityFrameworkCore;
using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Batch;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.EntityFrameworkCore.Tests.Support;
using RetailTagging.Language;

namespace RetailTagging.EntityFrameworkCore.Tests.Batch;

public sealed class BatchTaggerTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    private static readonly DateTimeOffset FirstRun = BatchTestData.Start.AddDays(1);
    private static readonly DateTimeOffset SecondRun = BatchTestData.Start.AddDays(25);

    private static BatchTagger Tagger(int chunkSize) =>
        new(new TagEngine(BatchTestData.Catalog), BatchTestData.Protector, new BatchTaggerOptions { ChunkSize = chunkSize });

    [Theory, SqliteData, PostgresData]
    public async Task A_run_stores_exactly_what_the_engine_computes_for_every_customer(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider);
        var population = BatchTestData.Population();
        await using var context = database.CreateContext();
        await BatchTestData.SeedAsync(context, population);

        var result = await Tagger(chunkSize: 3).RunAsync(context, "run-1", FirstRun);

        var engine = new TagEngine(BatchTestData.Catalog);
        var expected = population.Select(p => engine.Evaluate(p.Customer, p.Events, FirstRun)).ToList();
        Assert.Equal(Sorted(expected.SelectMany(e => e.Tags.Values.Select(a => Format(e.Tags.CustomerId, a)))), await BatchTestData.AssignmentsAsync(context));
        Assert.Equal(Sorted(expected.SelectMany(e => e.Changes.Select(c => Format(c, "run-1")))), await BatchTestData.HistoryAsync(context));
        Assert.Equal(population.Count, result.CustomersProcessed);
        Assert.Equal(expected.Sum(e => e.Changes.Count), result.ChangesWritten);
        Assert.Equal(4, result.ChunksCommitted); // 11 customers in chunks of 3
        Assert.False(result.Resumed);
        // Decrypted personal data and JSON attributes reached the rules.
        var stored = await BatchTestData.AssignmentsAsync(context);
        Assert.Contains(stored, s => s.StartsWith("a-1|example_mail|true", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.StartsWith("a-1|named_li|true", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.StartsWith("B-2|tea_lover|true", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.StartsWith("a-1|tier|\"gold\"", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.StartsWith("a-1|coupon_user|true", StringComparison.Ordinal));
        var checkpoint = await context.Set<BatchCheckpointRow>().AsNoTracking().SingleAsync(c => c.RunId == "run-1");
        Assert.NotNull(checkpoint.CompletedAtUtc);
        Assert.Equal(FirstRun.UtcDateTime, checkpoint.AsOfUtc);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_later_run_writes_only_the_changes_with_the_stored_tags_as_the_previous_set(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider);
        var population = BatchTestData.Population();
        await using var context = database.CreateContext();
        await BatchTestData.SeedAsync(context, population);
        await Tagger(chunkSize: 4).RunAsync(context, "run-1", FirstRun);
        var setsBefore = await context.Set<TagSetRow>().AsNoTracking().ToDictionaryAsync(s => s.CustomerId, s => s.Version);
        var historyBefore = await BatchTestData.HistoryAsync(context);
        await BatchTestData.AddEventsAsync(context, BatchTestData.LaterEvents());

        var result = await Tagger(chunkSize: 4).RunAsync(context, "run-2", SecondRun);

        var engine = new TagEngine(BatchTestData.Catalog);
        var late = BatchTestData.LaterEvents();
        var first = population.Select(p => engine.Evaluate(p.Customer, p.Events, FirstRun)).ToList();
        var second = population.Select((p, i) =>
            engine.Evaluate(p.Customer, [.. p.Events, .. late.Where(e => e.CustomerId == p.Customer.Id)], SecondRun, first[i].Tags)).ToList();
        Assert.Equal(Sorted(second.SelectMany(e => e.Tags.Values.Select(a => Format(e.Tags.CustomerId, a)))), await BatchTestData.AssignmentsAsync(context));
        var history = await BatchTestData.HistoryAsync(context);
        Assert.Equal(Sorted(historyBefore.Concat(second.SelectMany(e => e.Changes.Select(c => Format(c, "run-2"))))), history);
        Assert.Equal(second.Sum(e => e.Changes.Count), result.ChangesWritten);
        Assert.Contains(second.SelectMany(e => e.Changes), c => c.Kind == TagChangeKind.Expired);   // recent_buyer's TTL lapsed
        Assert.Contains(second.SelectMany(e => e.Changes), c => c.Kind == TagChangeKind.ValueChanged);
        Assert.Contains(second.SelectMany(e => e.Changes), c => c.Kind == TagChangeKind.Added);

        // A customer whose tags did not change at all costs no write: their tag-set row keeps its version.
        var setsAfter = await context.Set<TagSetRow>().AsNoTracking().ToDictionaryAsync(s => s.CustomerId, s => s.Version);
        var unchanged = population.Select((p, i) => (p.Customer.Id, Same: SameTags(first[i].Tags, second[i].Tags))).Where(x => x.Same).Select(x => x.Id).ToList();
        Assert.NotEmpty(unchanged);
        foreach (var id in unchanged) Assert.Equal(setsBefore.GetValueOrDefault(id), setsAfter.GetValueOrDefault(id));
        foreach (var id in population.Select(p => p.Customer.Id).Except(unchanged)) Assert.True(setsAfter[id] > setsBefore.GetValueOrDefault(id, -1), id);
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_run_stopped_after_any_chunk_resumes_to_the_state_of_an_uninterrupted_run(DatabaseProvider provider)
    {
        var population = BatchTestData.Population();
        var reference = await databases.CreateAsync(provider);
        await using (var context = reference.CreateContext())
        {
            await BatchTestData.SeedAsync(context, population);
            await Tagger(chunkSize: 3).RunAsync(context, "prior", FirstRun);
            await BatchTestData.AddEventsAsync(context, BatchTestData.LaterEvents());
            await Tagger(chunkSize: 3).RunAsync(context, "run", SecondRun);
        }
        await using var expected = reference.CreateContext();

        foreach (var (chunkSize, stopAfter) in new[] { (1, 1), (1, 9), (3, 2), (4, 1) })
        {
            var database = await databases.CreateAsync(provider);
            await using var context = database.CreateContext();
            await BatchTestData.SeedAsync(context, population);
            await Tagger(chunkSize: 3).RunAsync(context, "prior", FirstRun);
            await BatchTestData.AddEventsAsync(context, BatchTestData.LaterEvents());

            using var stop = new CancellationTokenSource();
            var progress = new SynchronousProgress(p => { if (p.ChunksCommitted == stopAfter) stop.Cancel(); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Tagger(chunkSize).RunAsync(context, "run", SecondRun, progress, stop.Token));
            var stopped = await context.Set<BatchCheckpointRow>().AsNoTracking().SingleAsync(c => c.RunId == "run");
            Assert.Null(stopped.CompletedAtUtc);
            Assert.Equal(Math.Min(stopAfter * chunkSize, population.Count), stopped.CustomersProcessed);

            var resumed = await Tagger(chunkSize).RunAsync(context, "run");

            Assert.True(resumed.Resumed);
            Assert.Equal(SecondRun, resumed.AsOf);
            Assert.Equal(population.Count, resumed.CustomersProcessed);
            Assert.Equal(await BatchTestData.AssignmentsAsync(expected), await BatchTestData.AssignmentsAsync(context));
            Assert.Equal(await BatchTestData.HistoryAsync(expected), await BatchTestData.HistoryAsync(context));
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task A_completed_run_is_not_run_again_and_a_run_keeps_its_instant(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider);
        await using var context = database.CreateContext();
        await BatchTestData.SeedAsync(context, BatchTestData.Population());
        var first = await Tagger(chunkSize: 5).RunAsync(context, "run-1", FirstRun);
        var history = await BatchTestData.HistoryAsync(context);

        var again = await Tagger(chunkSize: 5).RunAsync(context, "run-1");

        Assert.Equal(0, again.ChunksCommitted);
        Assert.Equal(first.ChangesWritten, again.ChangesWritten);
        Assert.Equal(history, await BatchTestData.HistoryAsync(context));
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Tagger(chunkSize: 5).RunAsync(context, "run-1", SecondRun));
        Assert.Contains("run-1", error.Message, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Manual_decisions_stored_for_a_customer_beat_the_rule(DatabaseProvider provider)
    {
        var database = await databases.CreateAsync(provider);
        var population = BatchTestData.Population();
        await using var context = database.CreateContext();
        await BatchTestData.SeedAsync(context, population);
        var decidedAt = BatchTestData.Start.AddDays(-2);
        var decisions = new[]
        {
            new ManualTagDecision("x", "never_bought", ManualAction.Remove, "mei", "test account", decidedAt),
            new ManualTagDecision("B-2", "tier", ManualAction.Assign, "mei", "board member", decidedAt, Value.FromString("vip"), requiresReview: true)
                .Approve("lead", decidedAt.AddHours(1)),
            new ManualTagDecision("c-3", "tea_lover", ManualAction.Assign, "mei", "asked", decidedAt, requiresReview: true).Reject("lead", decidedAt.AddHours(2)),
        };
        foreach (var d in decisions)
        {
            context.Add(new ManualDecisionRow
            {
                CustomerId = d.CustomerId, Tag = d.Tag, Action = d.Action.ToString(), Value = d.Value.ToString(), DecidedBy = d.DecidedBy, Reason = d.Reason,
                DecidedAtUtc = d.DecidedAt.UtcDateTime, Status = d.Status.ToString(), ReviewedBy = d.ReviewedBy,
                EffectiveFromUtc = d.EffectiveFrom?.UtcDateTime, EffectiveUntilUtc = d.EffectiveUntil?.UtcDateTime,
            });
        }
        await context.SaveChangesAsync();

        await Tagger(chunkSize: 2).RunAsync(context, "run-1", FirstRun);

        var engine = new TagEngine(BatchTestData.Catalog);
        var expected = population.Select(p => engine.Evaluate(p.Customer, p.Events, FirstRun, null, decisions.Where(d => d.CustomerId == p.Customer.Id).ToList())).ToList();
        var stored = await BatchTestData.AssignmentsAsync(context);
        Assert.Equal(Sorted(expected.SelectMany(e => e.Tags.Values.Select(a => Format(e.Tags.CustomerId, a)))), stored);
        Assert.DoesNotContain(stored, s => s.StartsWith("x|never_bought|", StringComparison.Ordinal));
        Assert.Contains(stored, s => s.StartsWith("B-2|tier|\"vip\"|", StringComparison.Ordinal) && s.Contains("|Manual|", StringComparison.Ordinal));
    }

    [Fact]
    public void Options_out_of_range_are_refused_at_construction()
    {
        var engine = new TagEngine(BatchTestData.Catalog);
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchTagger(engine, BatchTestData.Protector, new BatchTaggerOptions { ChunkSize = 0 }));
        Assert.Throws<ArgumentNullException>(() => new BatchTagger(engine, null!));
    }

    private static bool SameTags(TagSet a, TagSet b) => a.Count == b.Count && a.Values.All(x => b.TryGetValue(x.Tag, out var y) && x == y);

    private static List<string> Sorted(IEnumerable<string> rows) => rows.OrderBy(s => s, StringComparer.Ordinal).ToList();

    private static string Format(string customerId, TagAssignment a) =>
        $"{customerId}|{a.Tag}|{a.Value}|{a.AssignedAt.UtcDateTime:O}|{a.ExpiresAt?.UtcDateTime:O}|{a.Source}|{a.RuleVersion}";

    private static string Format(TagChange c, string runId) =>
        $"{c.CustomerId}|{c.Tag}|{c.Kind}|{(c.OldValue.IsNull ? null : c.OldValue.ToString())}|{(c.NewValue.IsNull ? null : c.NewValue.ToString())}|{c.At.UtcDateTime:O}|{c.Source}|{c.RuleVersion}|{c.Reason}|{runId}";
}

/// <summary>Reports on the calling thread, at once (Progress&lt;T&gt; posts to the thread pool, too late to stop a run at a chosen chunk).</summary>
internal sealed class SynchronousProgress(Action<BatchRunProgress> report) : IProgress<BatchRunProgress>
{
    public void Report(BatchRunProgress value) => report(value);
}
