using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Catalog;
using RetailTagging.Engine;
using RetailTagging.Synthetic;
using static RetailTagging.Core.Tests.Engine.EngineFixture;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>
/// The time-to-live replay recomputes, at each instant of the horizon, only the aggregates of the
/// event types that change there and only the rules whose inputs changed. An engine that recomputes
/// everything at every instant is the oracle: both must give the same tags, expiries, sources,
/// segments and next change, on the fixture catalog (TTL tags referenced by other tags, clock rules,
/// a filter that reads the clock) and on the reference catalog over the synthetic population.
/// </summary>
public class ReplayProperties
{
    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    // The fixture plus TTL tags that reference each other, read the clock in a filter, and are
    // referenced by a TTL tag whose own rule reads the clock.
    private static readonly CompiledCatalog Fixture = CompileCatalog(CatalogText + """

        tag late_buyer ttl 3d = exists(purchase where hour_of_day(at) >= 20 within 2d)
        tag recent_big ttl 5d = count(purchase where at > now() - 36h) >= 1 and @big_spender
        tag watch ttl 1d = (@recent_big or @complained) and day_of_week(now()) <= 5
        tag browsing ttl 12h = count(page_view within 6h) >= 2 and not @buyer
        """);

    private static string Describe(TagEvaluation evaluation) =>
        string.Join("; ", evaluation.Tags.Values.OrderBy(a => a.Tag, StringComparer.Ordinal).Select(a => $"{a.Tag}={a.Value} exp {a.ExpiresAt:O} {a.Source}"))
        + $" | segments {string.Join(",", evaluation.Segments)} | next {evaluation.NextChangeAt:O}";

    private static string? Difference(CompiledCatalog catalog, Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IScoreProvider[] scores)
    {
        var fast = new TagEngine(catalog, scoreProviders: scores);
        var exhaustive = new TagEngine(catalog, scoreProviders: scores) { ExhaustiveReplay = true };
        var expected = Describe(exhaustive.Evaluate(customer, events, asOf));
        var actual = Describe(fast.Evaluate(customer, events, asOf));
        return expected == actual ? null : $"exhaustive [{expected}] selective [{actual}]";
    }

    [Property(MaxTest = 300)]
    public Property SelectiveReplayEqualsExhaustiveReplay() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var events = RandomEvents(random, "c1", random.Next(0, 40));
        var asOf = T.AddMinutes(-random.Next(0, 60 * 24 * 10) * 10);
        var difference = Difference(Fixture, new Customer("c1"), events, asOf, [new FixedScores(0.75m)]);
        return (difference is null).Label($"seed {seed} as of {asOf:O}: {difference}");
    });

    [Property(MaxTest = 25)]
    public Property SelectiveReplayEqualsExhaustiveReplayOnTheReferenceCatalog() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var options = new RetailDataOptions { Seed = seed, CustomerCount = 100_000 };
        foreach (var synthetic in new RetailDataGenerator(options).Customers(random.Next(0, 99_000), 20))
        {
            var asOf = options.AsOf.AddMinutes(-random.Next(0, 60 * 24 * 400));
            var difference = Difference(AggregatePassProperties.Reference, synthetic.Customer, synthetic.Events, asOf, []);
            if (difference is not null) return false.Label($"seed {seed}, {synthetic.Customer.Id} as of {asOf:O}: {difference}");
        }
        return true.ToProperty();
    });
}
