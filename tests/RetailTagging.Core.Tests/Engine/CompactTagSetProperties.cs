using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Engine;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>
/// Engine-built tag sets are a compact encoding read through the dictionary interface, and their
/// changes are found by walking two encodings: both must say exactly what sets built from
/// assignment objects say.
/// </summary>
public class CompactTagSetProperties
{
    private static readonly TagEngine Engine = new(CompileCatalog(), scoreProviders: [new FixedScores(0.75m)]);

    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    private static TagSet Copy(TagSet set) => new(set.CustomerId, set.AsOf, [.. set.Values]);

    private static string Describe(TagSet set) =>
        string.Join("; ", set.Select(p => $"{p.Key}:{p.Value}"));

    private static string Describe(IEnumerable<TagChange> changes) => string.Join("; ", changes);

    [Property(MaxTest = 200)]
    public Property CompactSetsAndTheirChangesEqualMaterializedOnes() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var customer = new Customer("c1");
        var events = RandomEvents(random, "c1", random.Next(0, 30));
        var earlier = T.AddHours(-random.Next(1, 24 * 10));
        var first = Engine.Evaluate(customer, [.. events.Where(e => e.At <= earlier && random.Next(3) > 0)], earlier);
        var second = Engine.Evaluate(customer, events, T, first.Tags);

        var fromNothing = TagDiff.Compare(null, Copy(first.Tags), Engine.Catalog);
        var between = TagDiff.Compare(Copy(first.Tags), Copy(second.Tags), Engine.Catalog);
        var lookups = Engine.Catalog.Tags.All(t =>
            second.Tags.TryGetValue(t.Name, out var a) == second.Tags.ContainsKey(t.Name)
            && (a is null || a == Copy(second.Tags)[t.Name]));
        return (Describe(first.Tags) == Describe(Copy(first.Tags))).Label($"seed {seed}: first set")
            .And((Describe(first.Changes) == Describe(fromNothing)).Label($"seed {seed}: changes from nothing [{Describe(first.Changes)}] vs [{Describe(fromNothing)}]"))
            .And((Describe(second.Changes) == Describe(between)).Label($"seed {seed}: changes [{Describe(second.Changes)}] vs [{Describe(between)}]"))
            .And((second.Tags.Count == second.Tags.Keys.Count()).Label($"seed {seed}: count"))
            .And(lookups.Label($"seed {seed}: lookups"));
    });

    [Fact]
    public void AMissingTagIsNotFound()
    {
        var set = Engine.Evaluate(new Customer("c1"), [], T).Tags;
        Assert.False(set.ContainsKey("no_such_tag"));
        Assert.Throws<KeyNotFoundException>(() => set["no_such_tag"]);
    }
}
