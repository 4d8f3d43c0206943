using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Engine;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

public class EngineProperties
{
    private static readonly TagEngine Engine = new(CompileCatalog(), scoreProviders: [new FixedScores(0.75m)]);

    // Without TTLs, ingestion re-evaluates only the tags the event's type can affect.
    private static readonly TagEngine EngineWithoutTtl = new(CompileCatalog(CatalogText.Replace("ttl 72h", "").Replace("ttl 2h", "")), scoreProviders: [new FixedScores(0.75m)]);

    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    private static string Describe(TagSet set) =>
        string.Join("; ", set.Values.OrderBy(a => a.Tag, StringComparer.Ordinal).Select(a => $"{a.Tag}={a.Value} exp {a.ExpiresAt:O} {a.Source}"));

    [Property(MaxTest = 200)]
    public Property BatchEqualsIncrementalInAnyOrderWithDuplicates() => Prop.ForAll(Seeds, seed => BatchEqualsIncremental(Engine, seed));

    [Property(MaxTest = 200)]
    public Property SelectiveIncrementalEqualsBatch() => Prop.ForAll(Seeds, seed => BatchEqualsIncremental(EngineWithoutTtl, seed));

    private static Property BatchEqualsIncremental(TagEngine engine, int seed)
    {
        var random = new Random(seed);
        var customer = new Customer("c1");
        var events = RandomEvents(random, "c1", random.Next(0, 30));
        // Batch sees the duplicates too: they count once.
        var batch = engine.Evaluate(customer, [.. events, .. events.Where(_ => random.Next(5) == 0)], T);

        // Events arrive shuffled, some twice, each as "now" moves forward, then time advances to T.
        var arrivals = events.Concat(events.Where(_ => random.Next(4) == 0)).OrderBy(_ => random.Next()).ToList();
        var tagger = engine.CreateIncrementalTagger();
        var now = T.AddDays(-70);
        tagger.UpsertCustomer(customer, now);
        var received = new Dictionary<string, CustomerEvent>();
        foreach (var e in arrivals)
        {
            now = now.AddMinutes(random.Next(0, 60 * 24 * 3));
            if (now > T) now = T;
            tagger.AdvanceTo(now);
            tagger.Ingest(e, now);
            received.TryAdd(e.Id, e);
            // After every arrival the state equals a batch evaluation of what has arrived so far.
            var expected = engine.Evaluate(customer, [.. received.Values], now).Tags;
            if (Describe(expected) != Describe(tagger.GetTags("c1")!))
                return false.Label($"seed {seed}, after {e.Id} at {now:O}: batch [{Describe(expected)}] incremental [{Describe(tagger.GetTags("c1")!)}]");
        }
        tagger.AdvanceTo(T);
        var incremental = tagger.GetTags("c1")!;
        return (Describe(batch.Tags) == Describe(incremental)).Label($"seed {seed}: batch [{Describe(batch.Tags)}] incremental [{Describe(incremental)}]");
    }

    [Property(MaxTest = 100)]
    public Property ExplainAgreesWithTheResult() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var customer = new Customer("c1");
        var events = RandomEvents(random, "c1", random.Next(0, 30));
        var result = Engine.Evaluate(customer, events, T);
        foreach (var tag in Engine.Catalog.Tags)
        {
            var explanation = Engine.Explain(customer, events, tag.Name, T);
            var held = result.Tags.TryGetValue(tag.Name, out var assignment);
            if (explanation.Assigned != held || (held && !explanation.Value.Equals(assignment!.Value)))
                return false.Label($"seed {seed}: {tag.Name}: explain {explanation.Assigned}/{explanation.Value}, result {held}");
            // Without a TTL or manual decision, the rule tree's value is the tag's value.
            if (tag.TimeToLive is null && held != TagEngine.IsAssigned(explanation.Rule.Value))
                return false.Label($"seed {seed}: {tag.Name}: rule tree {explanation.Rule.Value} but held {held}");
        }
        return true.ToProperty();
    });

    [Property(MaxTest = 20)]
    public Property ParallelBatchEqualsSequential() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var histories = Enumerable.Range(0, 300).Select(i => new CustomerHistory(new Customer($"c{i}"), RandomEvents(random, $"c{i}", random.Next(0, 15)))).ToList();
        var sequential = new TagEngine(Engine.Catalog, new TagEngineOptions { MaxDegreeOfParallelism = 1, BatchBufferSize = 1 }, [new FixedScores(0.75m)]);
        var parallel = new TagEngine(Engine.Catalog, new TagEngineOptions { MaxDegreeOfParallelism = 4, BatchBufferSize = 16 }, [new FixedScores(0.75m)]);
        var a = Run(sequential, histories);
        var b = Run(parallel, histories);
        return a.SequenceEqual(b).Label($"seed {seed}");
    });

    private static List<string> Run(TagEngine engine, List<CustomerHistory> histories) =>
        engine.EvaluateBatchAsync(histories.ToAsyncEnumerable(), T).ToBlockingEnumerable().Select(e => e.Tags.CustomerId + ":" + Describe(e.Tags)).ToList();
}
