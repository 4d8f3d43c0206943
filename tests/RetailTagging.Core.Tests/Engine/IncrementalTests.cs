using RetailTagging.Engine;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

public class IncrementalTests
{
    private readonly TagEngine _engine = new(CompileCatalog(), scoreProviders: [new FixedScores(0.2m)]);

    [Fact]
    public void RejectsBadEventsWithAReasonAndIgnoresDuplicates()
    {
        var tagger = _engine.CreateIncrementalTagger();
        var bad = tagger.Ingest(new CustomerEvent("", "c1", "teleport", T), T);
        Assert.False(bad.Accepted);
        Assert.Equal("missing event id; unknown event type 'teleport'", bad.Reason);
        var first = tagger.Ingest(Event("p1", "purchase", T.AddHours(-1), 10m), T);
        Assert.True(first.Accepted);
        Assert.Contains(first.Evaluation!.Changes, c => c.Tag == "buyer");
        var again = tagger.Ingest(Event("p1", "purchase", T.AddHours(-1), 10m), T);
        Assert.True(again.IsDuplicate);
        Assert.Equal(1, tagger.RetainedEventCount);
    }

    [Fact]
    public void TimeDrivenChangesFireWhenDue()
    {
        var tagger = _engine.CreateIncrementalTagger();
        tagger.Ingest(Event("k1", "cart_add", T, null), T);
        Assert.True(tagger.GetTags("c1")!.ContainsKey("cart_abandoner"));
        Assert.Equal(T.AddHours(1), tagger.NextDueAt);
        Assert.DoesNotContain(tagger.AdvanceTo(T.AddHours(71)).SelectMany(e => e.Changes), c => c.Tag == "cart_abandoner");
        var lapsed = tagger.AdvanceTo(T.AddHours(74)).SelectMany(e => e.Changes).Single(c => c.Tag == "cart_abandoner");
        Assert.Equal(TagChangeKind.Expired, lapsed.Kind);
        // The change is stamped with the instant it happened, not when we looked.
        Assert.Equal(T.AddHours(73), lapsed.At);
    }

    [Fact]
    public void EventsTheCatalogNeverReadsAreNotKept()
    {
        var tagger = _engine.CreateIncrementalTagger();
        var result = tagger.Ingest(Event("v1", "page_view", T), T);
        Assert.True(result.Accepted);
        Assert.Null(result.Evaluation);
        Assert.Equal(0, tagger.RetainedEventCount);
    }

    [Fact]
    public async Task ConcurrentIngestionEndsInTheSequentialState()
    {
        var random = new Random(7);
        var events = Enumerable.Range(0, 40).SelectMany(c => RandomEvents(random, $"c{c}", 25)).ToList();
        var sequential = _engine.CreateIncrementalTagger();
        foreach (var e in events) sequential.Ingest(e, T);
        var concurrent = _engine.CreateIncrementalTagger();
        var shuffled = events.Concat(events.Take(200)).OrderBy(_ => random.Next()).ToList();
        await Parallel.ForEachAsync(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (e, _) =>
        {
            concurrent.Ingest(e, T);
            return ValueTask.CompletedTask;
        });
        for (var c = 0; c < 40; c++)
            Assert.Equal(sequential.GetTags($"c{c}")!.ToString(), concurrent.GetTags($"c{c}")!.ToString());
    }

    [Fact]
    public void ManualDecisionsApplyIncrementally()
    {
        var tagger = _engine.CreateIncrementalTagger();
        tagger.Ingest(Event("p1", "purchase", T.AddHours(-1), 10m), T);
        var decision = new ManualTagDecision("c1", "buyer", ManualAction.Remove, "li", "test account", T);
        var evaluation = tagger.ApplyManualDecision(decision, T.AddMinutes(1));
        Assert.False(evaluation.Tags.ContainsKey("buyer"));
        Assert.True(tagger.ApplyManualDecision(decision.Withdraw("li", T.AddMinutes(2)), T.AddMinutes(3)).Tags.ContainsKey("buyer"));
    }
}
