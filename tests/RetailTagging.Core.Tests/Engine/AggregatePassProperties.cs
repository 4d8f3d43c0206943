using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Catalog;
using RetailTagging.Language;
using RetailTagging.Synthetic;

namespace RetailTagging.Core.Tests.Engine;

/// <summary>
/// The fused aggregate pass (filters shared per event type, windows of one measure merged from
/// bands, tags compiled in chunks) against the interpreter, which computes every aggregate by its
/// own walk over the events: they must agree on every tag, value and representation alike.
/// </summary>
public class AggregatePassProperties
{
    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    // Every aggregate kind over one shared filter and over none, with nested windows that the
    // coarse event grid of RandomEvents hits exactly, plus a filter that reads a custom property.
    private const string WindowsCatalog = """
        property purchase.payment : string
        tag c10m = count(purchase within 10m)
        tag c1h = count(purchase within 1h)
        tag c1d = count(purchase within 1d)
        tag c30d = count(purchase within 30d)
        tag call = count(purchase)
        tag e1h = exists(purchase within 1h)
        tag e7d = exists(purchase where amount >= 200 within 7d)
        tag s1d = sum(purchase.amount where amount >= 200 within 1d)
        tag s30d = sum(purchase.amount where amount >= 200 within 30d)
        tag sall = sum(purchase.amount where amount >= 200)
        tag a7d = avg(purchase.amount where amount >= 200 within 7d)
        tag aall = avg(purchase.amount)
        tag mn7d = min(purchase.amount within 7d)
        tag mn30d = min(purchase.amount within 30d)
        tag mx1d = max(refund.amount within 1d)
        tag mxall = max(refund.amount)
        tag f30d = first(purchase.at where amount >= 200 within 30d)
        tag fall = first(purchase.at)
        tag l1d = last(purchase.amount within 1d)
        tag l30d = last(purchase.amount within 30d)
        tag d7d = distinct_count(purchase.amount within 7d)
        tag dall = distinct_count(purchase.amount)
        tag cp = count(purchase.payment within 30d)
        tag card = count(purchase where payment == "card" within 7d) + count(purchase where payment == "card")
        tag net = sum(purchase.amount within 30d) - sum(refund.amount within 30d)
        tag carts = count(cart_add within 1h) + count(checkout within 1h) + count(complaint within 10m)
        """;

    private static readonly CompiledCatalog Windows = EngineFixture.CompileCatalog(WindowsCatalog);

    /// <summary>The reference catalog, compiled once for the engine's property tests.</summary>
    internal static readonly CompiledCatalog Reference = CompileReference();

    private static CompiledCatalog CompileReference()
    {
        Assert.True(CatalogCompiler.TryCompile(ReferenceCatalog.Sources(), out var catalog, out var diagnostics), string.Join("\n", diagnostics));
        return catalog!;
    }

    private static string? FirstDifference(CompiledCatalog catalog, Customer customer, IReadOnlyList<CustomerEvent> events, DateTimeOffset asOf, IReadOnlyDictionary<string, decimal>? scores)
    {
        var compiled = catalog.EvaluateAll(customer, events, asOf, scores);
        var interpreted = catalog.InterpretAll(customer, events, asOf, scores);
        for (var i = 0; i < catalog.Tags.Count; i++)
            if (!compiled[i].Equals(interpreted[i]) || compiled[i].ToString() != interpreted[i].ToString())
                return $"{catalog.Tags[i].Name}: compiled {compiled[i]}, interpreted {interpreted[i]}";
        return null;
    }

    [Property(MaxTest = 300)]
    public Property SharedFiltersAndWindowBandsAgreeWithTheInterpreter() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var events = EngineFixture.RandomEvents(random, "c1", random.Next(0, 40));
        // Some purchases pay by card; some events share an instant so first/last tie-break by id.
        events = [.. events.Select((e, i) => e.Type == "purchase" && random.Next(3) == 0
            ? e with { Properties = new Dictionary<string, object?> { ["payment"] = random.Next(2) == 0 ? "card" : "cash" } }
            : e)];
        if (events.Count > 2)
            events.Add(new CustomerEvent(events[0].Id + "-twin", "c1", events[0].Type, events[0].At) { Amount = events[0].Amount is { } a ? a + 1 : null });
        // The instant sits on the event grid half of the time, so events fall exactly on window edges.
        var asOf = EngineFixture.T.AddMinutes(random.Next(2) == 0 ? -10 * random.Next(0, 200) : -random.Next(0, 2000));
        var difference = FirstDifference(Windows, new Customer("c1"), events, asOf, null);
        return (difference is null).Label($"seed {seed}, as of {asOf:O}: {difference}");
    });

    [Property(MaxTest = 40)]
    public Property ReferenceCatalogAgreesWithTheInterpreterOnTheSyntheticPopulation() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var options = new RetailDataOptions { Seed = seed, CustomerCount = 100_000 };
        foreach (var synthetic in new RetailDataGenerator(options).Customers(random.Next(0, 99_000), 25))
        {
            // Anywhere from the as-of instant back about a year and a half, so windows cut histories everywhere.
            var asOf = options.AsOf.AddMinutes(-random.Next(0, 60 * 24 * 550));
            var difference = FirstDifference(Reference, synthetic.Customer, synthetic.Events, asOf, random.Next(2) == 0 ? synthetic.Scores : null);
            if (difference is not null) return false.Label($"seed {seed}, {synthetic.Customer.Id} as of {asOf:O}: {difference}");
        }
        return true.ToProperty();
    });
}
