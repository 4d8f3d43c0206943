using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Engine;
using RetailTagging.Language;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>
/// Changes come ordered by tag name (ordinal) whatever the catalog's declaration order, with or
/// without the catalog, including tags the catalog no longer has (the ordering then falls back to
/// comparing names).
/// </summary>
public class TagDiffOrderProperties
{
    private static readonly Catalog.CompiledCatalog Catalog = CompileCatalog();

    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    [Property(MaxTest = 200)]
    public Property ChangesAreOrderedByTagName() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        // Catalog tags in random order, sometimes with names the catalog does not have.
        var names = Catalog.Tags.Select(t => t.Name).Concat(["Zed", "a_gone", "tier2"]).OrderBy(_ => random.Next()).ToList();
        TagSet Set(DateTimeOffset at) => new("c1", at, names.Where(_ => random.Next(3) == 0)
            .Select(n => new TagAssignment(n, random.Next(2) == 0 ? Value.FromBool(true) : Value.FromNumber(random.Next(3)), at, null, TagSource.Rule, "v1")));
        var previous = random.Next(4) == 0 ? null : Set(T.AddDays(-1));
        var current = Set(T);
        foreach (var catalog in new[] { Catalog, null })
        {
            var tags = TagDiff.Compare(previous, current, catalog).Select(c => c.Tag).ToList();
            var ordered = tags.Order(StringComparer.Ordinal).ToList();
            if (!tags.SequenceEqual(ordered)) return false.Label($"seed {seed}: [{string.Join(", ", tags)}]");
        }
        return true.ToProperty();
    });
}
