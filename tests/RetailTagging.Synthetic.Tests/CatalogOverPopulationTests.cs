using RetailTagging.Catalog;
using RetailTagging.Language;
using RetailTagging.Synthetic;

namespace RetailTagging.Synthetic.Tests;

/// <summary>The reference catalog over 1,000 generated customers: no failure, a sensible spread, and the meanings it claims.</summary>
public class CatalogOverPopulationTests
{
    private static readonly Lazy<(CompiledCatalog Catalog, List<SyntheticCustomer> Customers, Value[][] Values)> Run = new(() =>
    {
        Assert.True(CatalogCompiler.TryCompile(ReferenceCatalog.Sources(), out var catalog, out var diagnostics), string.Join("\n", diagnostics));
        var customers = Population.Default.Take(1_000).ToList();
        var asOf = Population.Options.AsOf;
        var values = customers.Select(c => catalog!.EvaluateAll(c.Customer, c.Events, asOf, c.Scores)).ToArray();
        return (catalog!, customers, values);
    });

    private static int Index(string tag) => Run.Value.Catalog.Tags.ToList().FindIndex(t => t.Name == tag);

    private static IEnumerable<(SyntheticCustomer Customer, Value Value)> ValuesOf(string tag)
    {
        var (_, customers, values) = Run.Value;
        var i = Index(tag);
        Assert.True(i >= 0, $"no tag {tag}");
        return customers.Select((c, k) => (c, values[k][i]));
    }

    [Fact]
    public void Bool_tags_discriminate()
    {
        var (catalog, customers, values) = Run.Value;
        var boolTags = catalog.Tags.Select((t, i) => (t, i)).Where(x => x.t.ValueType == TagType.Bool).ToList();
        var counts = boolTags.Select(x => (x.t.Name, Count: values.Count(v => v[x.i].IsTrue))).ToList();
        var discriminating = counts.Count(c => c.Count > 0 && c.Count < customers.Count);
        Assert.True(discriminating >= boolTags.Count * 0.75,
            $"only {discriminating} of {boolTags.Count} bool tags split the population; never: {string.Join(", ", counts.Where(c => c.Count == 0).Select(c => c.Name))}");
        Assert.DoesNotContain(counts, c => c.Count == customers.Count);
    }

    [Fact]
    public void Every_customer_gets_some_tags_and_nobody_gets_them_all()
    {
        var (catalog, _, values) = Run.Value;
        var boolIndexes = catalog.Tags.Select((t, i) => (t, i)).Where(x => x.t.ValueType == TagType.Bool).Select(x => x.i).ToList();
        foreach (var row in values)
        {
            var assigned = boolIndexes.Count(i => row[i].IsTrue);
            Assert.InRange(assigned, 2, boolIndexes.Count / 2);
        }
    }

    [Fact]
    public void Valued_tags_take_several_values()
    {
        var (catalog, _, values) = Run.Value;
        var valued = catalog.Tags.Select((t, i) => (t, i)).Where(x => x.t.ValueType != TagType.Bool).ToList();
        var varied = valued.Count(x => values.Select(v => v[x.i]).Where(v => !v.IsNull).Distinct().Count() >= 2);
        Assert.True(varied >= valued.Count * 0.9, $"only {varied} of {valued.Count} valued tags vary");
    }

    [Fact]
    public void Value_tiers_cover_the_range()
    {
        var tiers = ValuesOf("value_tier").Select(x => x.Value.AsString).ToHashSet();
        Assert.Superset(new HashSet<string?> { "none", "bronze", "silver", "gold" }, tiers);
    }

    [Fact]
    public void Net_spend_means_purchases_minus_refunds_in_the_last_365_days()
    {
        var from = Population.Options.AsOf.AddDays(-365);
        foreach (var (customer, value) in ValuesOf("net_spend_365d"))
        {
            var expected = customer.Events.Where(e => e.At > from && e.Type == EventTypes.Purchase).Sum(e => e.Amount!.Value)
                - customer.Events.Where(e => e.At > from && e.Type == EventTypes.Refund).Sum(e => e.Amount!.Value);
            Assert.Equal(expected, value.AsNumber);
        }
    }

    [Fact]
    public void Never_bought_and_shanghai_over_30_mean_what_they_say()
    {
        foreach (var (customer, value) in ValuesOf("never_bought"))
            Assert.Equal(customer.Events.All(e => e.Type != EventTypes.Purchase), value.IsTrue);
        var asOf = DateOnly.FromDateTime(Population.Options.AsOf.Date);
        foreach (var (customer, value) in ValuesOf("shanghai_over_30"))
        {
            var age = customer.Customer.BirthDate is { } b ? asOf.Year - b.Year - (asOf < b.AddYears(asOf.Year - b.Year) ? 1 : 0) : (int?)null;
            Assert.Equal(customer.Customer.City == "Shanghai" && age > 30, value.IsTrue);
        }
    }

    [Fact]
    public void Single_tag_evaluation_agrees_with_evaluating_all()
    {
        var (catalog, customers, values) = Run.Value;
        var asOf = Population.Options.AsOf;
        foreach (var k in new[] { 0, 17, 423, 999 })
        {
            var c = customers[k];
            for (var i = 0; i < catalog.Tags.Count; i += 7)
                Assert.Equal(values[k][i], catalog.EvaluateTag(catalog.Tags[i].Name, c.Customer, c.Events, asOf, c.Scores));
        }
    }

    [Fact]
    public void Segments_evaluate_and_most_find_an_audience()
    {
        var (catalog, customers, _) = Run.Value;
        var asOf = Population.Options.AsOf;
        var sizes = catalog.Segments.Select(s => customers.Count(c => catalog.IsInSegment(s.Name, c.Customer, c.Events, asOf, c.Scores))).ToList();
        Assert.True(sizes.Count(n => n > 0) >= catalog.Segments.Count / 2, $"segment sizes: {string.Join(", ", sizes)}");
        Assert.All(sizes, n => Assert.True(n < customers.Count));
    }
}
