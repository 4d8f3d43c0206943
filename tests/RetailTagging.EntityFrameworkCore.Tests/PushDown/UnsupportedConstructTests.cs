using RetailTagging.Catalog;
using RetailTagging.EntityFrameworkCore.PushDown;

namespace RetailTagging.EntityFrameworkCore.Tests.PushDown;

/// <summary>Constructs without a faithful SQL translation are refused by name and position, never dropped or run on the client.</summary>
public sealed class UnsupportedConstructTests
{
    private static readonly DateTimeOffset AsOf = new(2024, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private const string CatalogText = """
        attribute loyalty_points : number
        attribute labels : list<string>
        property purchase.coupon_code : string
        score churn
        tag tier = case when customer.city == "Shanghai" then "gold" else "bronze" end
        tag spend = sum(purchase.amount)
        tag churn_risk = score("churn") > 0.7
        segment at_risk = @tier == "gold" and customer.loyalty_points > 100
        """;

    private static CompiledCatalog Catalog()
    {
        Assert.True(CatalogCompiler.TryCompile(CatalogText, out var catalog, out var diagnostics), string.Join("; ", diagnostics));
        return catalog!;
    }

    public static TheoryData<string, string, string, int> Cases => new()
    {
        { "customer.phone == \"+8613912345678\"", "customer.phone", "stored encrypted", 1 },
        { "customer.name == \"Li Na\"", "customer.name", "stored encrypted", 1 },
        { "customer.email is not null", "customer.email", "stored encrypted", 1 },
        { "customer.loyalty_points > 5000", "customer.loyalty_points", "custom attributes are stored as JSON", 1 },
        { "\"vip\" in customer.labels", "customer.labels", "custom attributes are stored as JSON", 10 },
        { "count(purchase where coupon_code == \"SUMMER\") > 0", "purchase.coupon_code", "custom event properties are stored as JSON", 22 },
        { "count(purchase.coupon_code) > 0", "purchase.coupon_code", "custom event properties are stored as JSON", 1 },
        { "score(\"churn\") > 0.7", "score(\"churn\")", "passed in by the host at evaluation time", 1 },
        { "lower(customer.city) == \"shanghai\"", "lower()", "invariant culture", 1 },
        { "upper(customer.city) == \"SHANGHAI\"", "upper()", "invariant culture", 1 },
        { "length(customer.city) > 3", "length()", "UTF-16 code units", 1 },
        { "days_since(customer.registered_at) + 1 > 30", "days_since()", "only when compared with a constant", 1 },
        { "round(sum(purchase.amount)) > 10", "round()", "not translated", 1 },
        { "day_of_week(customer.registered_at) == 1", "day_of_week()", "not translated", 1 },
        { "sum(purchase.amount) / 2 > 10", "/", "zero divisor", 22 },
        { "sum(purchase.amount) % 2 == 1", "%", "zero divisor", 22 },
        { "customer.registered_at + 30d > now()", "+", "only when both sides are constants", 24 },
        { "customer.birth_date < now()", "customer.birth_date", "widened to midnight", 1 },
        { "@tier > \"a\"", "@tier", "only for equality with a constant", 1 },
        { "@tier == customer.city", "@tier", "only for equality with a constant", 1 },
        { "customer.city == @tier", "@tier", "only for equality with a constant", 18 },
        { "@tier between \"a\" and \"b\"", "@tier", "not ordered", 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheConstructIsReportedByNameAndPosition(string expression, string construct, string reason, int column)
    {
        Assert.False(SegmentQuery.TryCreate(Catalog(), expression, AsOf, out var query, out var problems));
        Assert.Null(query);
        var problem = Assert.Single(problems);
        Assert.Equal(construct, problem.Construct);
        Assert.Contains(reason, problem.Reason);
        Assert.Equal(column, problem.Position.Column);
        Assert.Null(problem.Code);
        Assert.Contains($"'{construct}' cannot be pushed down to SQL", problem.ToString());
    }

    [Fact]
    public void EveryProblemOfOneExpressionIsReportedInOneRun()
    {
        Assert.False(SegmentQuery.TryCreate(Catalog(), "customer.phone == \"1\" or score(\"churn\") > 1 or customer.city == \"x\" or customer.loyalty_points > 3",
            AsOf, out _, out var problems));
        Assert.Equal(["customer.phone", "score(\"churn\")", "customer.loyalty_points"], problems.Select(p => p.Construct));
        Assert.Equal([1, 26, 72], problems.Select(p => p.Position.Column));
    }

    [Fact]
    public void ASegmentsProblemsPointIntoItsExpression()
    {
        var problem = Assert.Single(SegmentQueryProblems("at_risk"));
        Assert.Equal("customer.loyalty_points", problem.Construct);
        Assert.Equal("segment 'at_risk'", problem.Position.File);
        Assert.StartsWith("segment 'at_risk'(1,", problem.ToString());
    }

    [Fact]
    public void ATagIsTranslatedFromItsRule()
    {
        var problem = Assert.Single(SegmentQueryProblems("churn_risk"));
        Assert.Equal("tag 'churn_risk'", problem.Position.File);
        Assert.Equal("score(\"churn\")", problem.Construct);
    }

    [Fact]
    public void CompileErrorsAreProblemsWithTheirCodes()
    {
        var problem = Assert.Single(SegmentQueryProblems("customer.ciyt == \"Shanghai\""));
        Assert.Equal("RT1001", problem.Code);
        Assert.Contains("did you mean 'city'", problem.Reason);
        Assert.StartsWith("<expression>(1,1): error RT1001:", problem.ToString());
    }

    [Fact]
    public void AnUnknownNameIsReportedWithASuggestion()
    {
        var problem = Assert.Single(SegmentQueryProblems("spnd"));
        Assert.Equal("spnd", problem.Construct);
        Assert.Contains("no segment or tag", problem.Reason);
        Assert.Contains("did you mean 'spend'", problem.Reason);
    }

    [Fact]
    public void NullArgumentsAreRefusedAtTheBoundary()
    {
        Assert.Throws<ArgumentNullException>(() => SegmentQuery.TryCreate(null!, "x", AsOf, out _, out _));
        Assert.Throws<ArgumentNullException>(() => SegmentQuery.TryCreate(Catalog(), null!, AsOf, out _, out _));
    }

    private static IReadOnlyList<PushDownProblem> SegmentQueryProblems(string text)
    {
        Assert.False(SegmentQuery.TryCreate(Catalog(), text, AsOf, out _, out var problems));
        return problems;
    }
}
