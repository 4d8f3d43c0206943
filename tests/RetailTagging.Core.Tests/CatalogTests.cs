using RetailTagging.Catalog;
using RetailTagging.Diagnostics;
using RetailTagging.Language;

namespace RetailTagging.Core.Tests;

public class CatalogTests
{
    private static readonly string Quickstart = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cases", "quickstart.tags"));

    private static CompiledCatalog Compile(string text, CompilationOptions? options = null)
    {
        Assert.True(CatalogCompiler.TryCompile(text, out var catalog, out var diagnostics, options), string.Join("\n", diagnostics));
        return catalog!;
    }

    private static IReadOnlyList<Diagnostic> Fail(params CatalogSource[] sources)
    {
        Assert.False(CatalogCompiler.TryCompile(sources, out var catalog, out var diagnostics));
        Assert.Null(catalog);
        return [.. diagnostics.Where(d => d.IsError)];
    }

    [Fact]
    public void MinimalEntryNeedsNoMetadata()
    {
        var catalog = Compile("tag shanghai = customer.city == \"Shanghai\"");
        var tag = Assert.Single(catalog.Tags);
        Assert.Equal("shanghai", tag.Name);
        Assert.Equal(TagKind.Fact, tag.Kind);
        Assert.Null(tag.Dimension);
        Assert.Equal(TagType.Bool, tag.ValueType);
        Assert.True(catalog.EvaluateTag("shanghai", Fixture.Customer, [], Fixture.AsOf).IsTrue);
    }

    [Fact]
    public void QuickstartCatalogCompilesWithMetadata()
    {
        var catalog = Compile(Quickstart);
        var highSpender = catalog.FindTag("high_spender")!;
        Assert.Equal("High spender", highSpender.DisplayName);
        Assert.Equal("crm-ops", highSpender.Owner);
        Assert.Equal("route to VIP service desk", highSpender.UseCase);
        Assert.Equal("value", highSpender.Dimension);
        Assert.Equal(TimeSpan.FromHours(72), catalog.FindTag("cart_abandoner")!.TimeToLive);
        Assert.Equal(TagKind.Predictive, catalog.FindTag("cart_abandoner")!.Kind);
        Assert.Equal(TagType.String, catalog.FindTag("value_tier")!.ValueType);
        Assert.Equal(["high_spender"], catalog.FindTag("value_tier")!.DependsOn);
        Assert.Equal("Asia/Shanghai", catalog.TimeZone.Id);
        Assert.Equal(4, catalog.Dimensions.Count);
        Assert.Single(catalog.Segments);
    }

    [Fact]
    public void TagsComeAfterTheirDependencies()
    {
        var catalog = Compile("tag c = @b and @a\ntag b = @a\ntag a = true");
        var order = catalog.Tags.Select(t => t.Name).ToList();
        Assert.True(order.IndexOf("a") < order.IndexOf("b") && order.IndexOf("b") < order.IndexOf("c"));
    }

    [Fact]
    public void EvaluatesValuedTagsAndReferences()
    {
        var catalog = Compile(Quickstart);
        var values = catalog.EvaluateAll(Fixture.Customer, Fixture.Events, Fixture.AsOf, new Dictionary<string, decimal> { ["churn"] = 0.9m });
        Value Get(string name) => values[catalog.Tags.ToList().FindIndex(t => t.Name == name)];
        Assert.Equal(Value.FromString("bronze"), Get("value_tier"));
        Assert.True(Get("baby_family").IsTrue);
        Assert.True(Get("cart_abandoner").IsTrue);
        Assert.True(Get("birthday_soon").IsTrue);
        Assert.True(Get("churn_risk").IsTrue);
        Assert.False(Get("dormant").IsTrue);
        Assert.False(Get("high_spender").IsTrue);
        Assert.False(catalog.IsInSegment("vip_at_risk", Fixture.Customer, Fixture.Events, Fixture.AsOf));
        Assert.Equal(catalog.InterpretAll(Fixture.Customer, Fixture.Events, Fixture.AsOf, new Dictionary<string, decimal> { ["churn"] = 0.9m })[..values.Length], values);
    }

    [Fact]
    public void CyclesAreReportedWithTheirPath()
    {
        var diagnostics = Fail(new CatalogSource("a.tags", "tag a = @b\ntag b = @c\ntag c = @a\ntag d = true"));
        var cycle = Assert.Single(diagnostics);
        Assert.Equal("RT1009", cycle.Code);
        Assert.Contains("@a -> @b -> @c -> @a", cycle.Message);
        Assert.Equal("a.tags(1,1): error RT1009: tags form a dependency cycle: @a -> @b -> @c -> @a", cycle.ToString());
    }

    [Fact]
    public void SelfReferenceIsACycle() => Assert.Equal("RT1009", Assert.Single(Fail(new CatalogSource("x.tags", "tag a = not @a"))).Code);

    [Fact]
    public void SeveralFilesCombineIntoOneCatalog()
    {
        Assert.True(CatalogCompiler.TryCompile(
            [
                new CatalogSource("schema.tags", "dimension value\nattribute points : number\nevent wishlist_add\nproperty wishlist_add.price : number"),
                new CatalogSource("tags.tags", "tag rich : fact, value = customer.points > 100\ntag wisher = sum(wishlist_add.price within 30d) > 10"),
            ], out var catalog, out var diagnostics), string.Join("\n", diagnostics));
        Assert.Equal(2, catalog!.Tags.Count);
        var customer = new Customer("c") { Attributes = new Dictionary<string, object?> { ["points"] = 150m } };
        var wish = new CustomerEvent("w", "c", "wishlist_add", Fixture.AsOf.AddDays(-1)) { Properties = new Dictionary<string, object?> { ["price"] = 12.5m } };
        Assert.True(catalog.EvaluateTag("rich", customer, [], Fixture.AsOf).IsTrue);
        Assert.True(catalog.EvaluateTag("wisher", customer, [wish], Fixture.AsOf).IsTrue);
    }

    [Fact]
    public void EveryErrorInEveryFileIsReportedAtOnce()
    {
        var diagnostics = Fail(
            new CatalogSource("one.tags", "tag a = customer.ciyt == \"x\"\ntag b = 1 +\ntag c = sum(purchse.amount) > 1"),
            new CatalogSource("two.tags", "tag d : fact, valeu = true\ntag e : facts = true\ntag f owner 3 = true\ntag g colour \"red\" = true"));
        Assert.Equal(["RT1001", "RT0005", "RT1002", "RT1011", "RT1019", "RT1029", "RT1028"], diagnostics.Select(d => d.Code));
        Assert.All(diagnostics, d => Assert.True(d.IsError));
        Assert.Equal("one.tags", diagnostics[0].Position.File);
        Assert.Equal("two.tags", diagnostics[^1].Position.File);
        Assert.Contains("did you mean 'facts'", diagnostics.Single(d => d.Code == "RT1019").Message.Replace("fact'", "facts'"));
    }

    [Fact]
    public void DuplicatesAreErrors()
    {
        var diagnostics = Fail(new CatalogSource("d.tags", "tag a = true\ntag a = false\ndimension v\ndimension v\nattribute city : string"));
        Assert.Equal(["RT1010", "RT1010", "RT1010"], diagnostics.Where(d => d.IsError).Select(d => d.Code));
    }

    [Theory]
    [InlineData("tag t owner \"a\" owner \"b\" = customer.age > 1", "RT1020")]
    [InlineData("attribute points : integer\ntag t = customer.age > 1", "RT1024")]
    [InlineData("tag vip = customer.age > 60\ntag t = count(purchase where @vip) > 1", "RT1022")]
    public void CatalogStructureErrors(string text, string code) =>
        Assert.Equal(code, Assert.Single(Fail(new CatalogSource("c.tags", text))).Code);

    [Fact]
    public void WarningsDoNotFailTheCatalog()
    {
        Assert.True(CatalogCompiler.TryCompile("attribute unused : number\ntag t = 1 > 0\ntag n = customer.city == null", out var catalog, out var diagnostics));
        Assert.NotNull(catalog);
        Assert.Equal(["RT2003", "RT2001", "RT2002"], diagnostics.Select(d => d.Code));
        Assert.All(diagnostics, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
    }

    [Fact]
    public void ContinuationLinesMayStartWithADeclarationWord()
    {
        var catalog = Compile("score churn\ntag at_risk : predictive =\n  score(\"churn\") > 0.7\nsegment watch =\n  @at_risk");
        Assert.Equal("at_risk", Assert.Single(catalog.Tags).Name);
        Assert.Equal("watch", Assert.Single(catalog.Segments).Name);
        Assert.True(catalog.EvaluateTag("at_risk", Fixture.Customer, [], Fixture.AsOf, new Dictionary<string, decimal> { ["churn"] = 0.8m }).IsTrue);
    }

    [Fact]
    public void StrayTextBeforeTheFirstDeclarationIsReported()
    {
        var diagnostics = Fail(new CatalogSource("s.tags", "hello world\ntag a = true"));
        Assert.Equal("RT0009", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void SegmentsMustBeConditions()
    {
        var diagnostics = Fail(new CatalogSource("s.tags", "tag tier = \"gold\"\nsegment s = @tier"));
        Assert.Equal("RT1030", Assert.Single(diagnostics).Code);
    }

    [Fact]
    public void VersionChangesWithTheRuleAndOnlyThen()
    {
        var a = Compile("tag t = customer.age > 30").Tags[0].Version;
        var same = Compile("# comment\ntag t =\n  customer.age>30").Tags[0].Version;
        var changed = Compile("tag t = customer.age > 31").Tags[0].Version;
        var metadata = Compile("tag t owner \"x\" = customer.age > 30").Tags[0].Version;
        Assert.Equal(a, same);
        Assert.NotEqual(a, changed);
        Assert.NotEqual(a, metadata);
    }

    [Fact]
    public void CatalogTimeZoneDrivesCalendarFunctions()
    {
        // 2024-06-01T20:00Z is already 2 June in Shanghai.
        var late = new DateTimeOffset(2024, 6, 1, 20, 0, 0, TimeSpan.Zero);
        var shanghai = Compile("timezone \"Asia/Shanghai\"\ntag sunday = day_of_week(now()) == 7");
        var utc = Compile("tag sunday = day_of_week(now()) == 7");
        Assert.True(shanghai.EvaluateTag("sunday", Fixture.Customer, [], late).IsTrue);
        Assert.False(utc.EvaluateTag("sunday", Fixture.Customer, [], late).IsTrue);
        Assert.Equal("RT1023", Assert.Single(Fail(new CatalogSource("z.tags", "timezone \"Mars/Olympus\"\ntag t = true"))).Code);
    }

    [Theory]
    [InlineData("2023-02-27", 22, 1)]
    [InlineData("2023-02-28", 23, 0)]
    [InlineData("2023-03-01", 23, 365)]
    [InlineData("2024-02-28", 23, 1)]
    [InlineData("2024-02-29", 24, 0)]
    [InlineData("2024-12-31", 24, 59)]
    public void LeapDayBirthdaysFallOnTheTwentyEighthInOtherYears(string date, int age, int daysUntil)
    {
        var catalog = Compile("tag age = customer.age\ntag until = days_until_birthday(customer.birth_date)\ntag years = age_years(customer.birth_date)");
        var customer = new Customer("leap") { BirthDate = new DateOnly(2000, 2, 29) };
        var asOf = new DateTimeOffset(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture).AddHours(12), TimeSpan.Zero);
        var compiled = catalog.EvaluateAll(customer, [], asOf);
        Assert.Equal(compiled, catalog.InterpretAll(customer, [], asOf)[..compiled.Length]);
        Assert.Equal(Value.FromNumber(age), catalog.EvaluateTag("age", customer, [], asOf));
        Assert.Equal(Value.FromNumber(age), catalog.EvaluateTag("years", customer, [], asOf));
        Assert.Equal(Value.FromNumber(daysUntil), catalog.EvaluateTag("until", customer, [], asOf));
    }

    [Fact]
    public void CompiledCatalogIsThreadSafe()
    {
        var catalog = Compile(Quickstart);
        var expected = catalog.EvaluateAll(Fixture.Customer, Fixture.Events, Fixture.AsOf);
        Parallel.For(0, 2_000, _ =>
        {
            var values = new Value[catalog.Tags.Count];
            catalog.EvaluateAll(Fixture.Customer, Fixture.Events, Fixture.AsOf, values);
            Assert.Equal(expected, values);
        });
    }
}
