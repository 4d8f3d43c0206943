using RetailTagging.Engine;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>
/// The due queue keeps one entry per customer while events move the next change later, and still
/// reports and fires the change at its instant.
/// </summary>
public class DueQueueTests
{
    private static readonly TagEngine Engine = new(CompileCatalog("tag recent = exists(purchase within 1d)"));

    [Fact]
    public void ADueThatMovesLaterIsReportedAndFiredAtItsInstant()
    {
        var tagger = Engine.CreateIncrementalTagger();
        var t0 = T.AddDays(-10);
        // A purchase every 25 hours: each arrives after the previous one left the window, so the next
        // change (this purchase leaving it) moves later with every event.
        for (var i = 0; i < 20; i++) tagger.Ingest(Event($"p{i}", "purchase", t0.AddHours(25 * i)), t0.AddHours(25 * i));
        var last = t0.AddHours(25 * 19);

        Assert.Equal(1, tagger.QueuedEntryCount);
        Assert.Equal(last.AddDays(1), tagger.NextDueAt);
        Assert.Empty(tagger.AdvanceTo(last.AddDays(1).AddTicks(-1)));
        Assert.True(tagger.GetTags("c1")!.ContainsKey("recent"));
        var fired = Assert.Single(tagger.AdvanceTo(last.AddDays(2)));
        Assert.Equal(last.AddDays(1), fired.Tags.AsOf);
        Assert.False(fired.Tags.ContainsKey("recent"));
        Assert.Null(tagger.NextDueAt);
    }

    [Fact]
    public void ADueThatMovesEarlierIsQueuedToo()
    {
        var tagger = Engine.CreateIncrementalTagger();
        // An older purchase arriving late leaves the window sooner: Due moves earlier and is queued.
        tagger.Ingest(Event("p1", "purchase", T.AddHours(-1)), T);
        tagger.Ingest(Event("p0", "purchase", T.AddHours(-20)), T);
        Assert.Equal(T.AddHours(-20).AddDays(1), tagger.NextDueAt);
        Assert.Empty(tagger.AdvanceTo(T.AddHours(-20).AddDays(1)));
        Assert.Equal(T.AddHours(-1).AddDays(1), tagger.NextDueAt);
    }
}
