using RetailTagging.Catalog;
using RetailTagging.Language;

namespace RetailTagging.Core.Tests;

/// <summary>Hostile sizes and nesting end in diagnostics, never in a crash.</summary>
public class LimitsTests
{
    private static string Codes(IReadOnlyList<RetailTagging.Diagnostics.Diagnostic> diagnostics) => string.Join(",", diagnostics.Select(d => d.Code));

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000)]
    [InlineData(129)]
    public void DeepParenthesesAreADiagnostic(int depth)
    {
        var text = new string('(', depth) + "1" + new string(')', depth) + " > 0";
        Assert.False(TagExpression.TryCompile(text, out _, out var diagnostics));
        Assert.Equal("RT0006", Codes(diagnostics));
    }

    [Fact]
    public void NestingWithinTheLimitCompiles()
    {
        var text = new string('(', 100) + "1" + new string(')', 100) + " > 0";
        Assert.True(TagExpression.TryCompile(text, out var compiled, out _));
        Assert.True(compiled!.IsTrue(Fixture.Customer, [], Fixture.AsOf));
    }

    [Theory]
    [InlineData("not ")]
    [InlineData("-")]
    [InlineData("case when true then ")]
    [InlineData("[")]
    public void DeepPrefixNestingIsADiagnostic(string prefix)
    {
        var text = string.Concat(Enumerable.Repeat(prefix, 50_000)) + "1";
        Assert.False(TagExpression.TryCompile(text, out _, out var diagnostics));
        Assert.Contains(diagnostics, d => d.Code is "RT0006" or "RT0007");
    }

    [Fact]
    public void AMegabyteExpressionIsADiagnostic()
    {
        var text = string.Join(" + ", Enumerable.Repeat("1", 350_000)) + " > 0";
        Assert.True(text.Length > 1_000_000);
        Assert.False(TagExpression.TryCompile(text, out _, out var diagnostics));
        Assert.Equal("RT0007", Codes(diagnostics));
    }

    [Fact]
    public void LongChainsWithinTheTokenLimitAreCheckedForDepth()
    {
        // 1,000 terms is under the token limit but deeper than 128 levels once parsed.
        var text = string.Join(" or ", Enumerable.Repeat("customer.vip", 1_000));
        Assert.False(TagExpression.TryCompile(text, out _, out var diagnostics, new CompilationOptions { Schema = Fixture.Schema }));
        Assert.Equal("RT0006", Codes(diagnostics));
    }

    [Fact]
    public void DeepNestingOnASmallStackIsADiagnostic()
    {
        // Threads with small stacks (here 256 KiB) must not crash either: the grammar checks the stack.
        var limits = new LanguageLimits { MaxDepth = 100_000, MaxExpressionTokens = 1_000_000 };
        IReadOnlyList<RetailTagging.Diagnostics.Diagnostic>? diagnostics = null;
        var thread = new Thread(() => TagExpression.TryCompile(new string('(', 20_000) + "1" + new string(')', 20_000), out _, out diagnostics,
            new CompilationOptions { Limits = limits }), 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.NotNull(diagnostics);
        Assert.Equal("RT0006", Codes(diagnostics!));
    }

    [Fact]
    public void LongFlatListsOfNegativeNumbersAreNotNesting()
    {
        var text = "customer.age in [" + string.Join(", ", Enumerable.Range(1, 500).Select(i => -i)) + "]";
        Assert.True(TagExpression.TryCompile(text, out _, out var diagnostics), string.Join("; ", diagnostics));
    }

    [Fact]
    public void CappedWarningsStayWarnings()
    {
        var text = string.Join("\n", Enumerable.Range(0, 250).Select(i => $"tag t{i} = customer.city == null"));
        Assert.True(CatalogCompiler.TryCompile(text, out var catalog, out var diagnostics));
        Assert.NotNull(catalog);
        Assert.Equal(201, diagnostics.Count);
        Assert.All(diagnostics, d => Assert.False(d.IsError));
    }

    [Fact]
    public void CostLimitIsEnforced()
    {
        var text = string.Join(" + ", Enumerable.Range(0, 30).Select(i => $"count(purchase where amount > {i})")) + " > 0";
        Assert.True(TagExpression.TryCompile(text, out var compiled, out _));
        Assert.True(compiled!.Cost > 1_000);
        Assert.False(TagExpression.TryCompile(text, out _, out var diagnostics, new CompilationOptions { Limits = new LanguageLimits { MaxCost = 1_000 } }));
        Assert.Equal("RT1014", Codes(diagnostics));
    }

    [Fact]
    public void OversizedSourceIsADiagnostic()
    {
        var limits = new LanguageLimits { MaxSourceLength = 100 };
        Assert.False(CatalogCompiler.TryCompile(new string(' ', 200) + "tag t = true", out _, out var diagnostics, new CompilationOptions { Limits = limits }));
        Assert.Equal("RT0008", Codes(diagnostics));
    }

    [Fact]
    public void GarbageCatalogReportsAtMostTheConfiguredNumberOfDiagnostics()
    {
        var text = string.Join("\n", Enumerable.Range(0, 1_000).Select(i => $"tag t{i} = customer.nope{i} > 1"));
        Assert.False(CatalogCompiler.TryCompile(text, out _, out var diagnostics));
        Assert.Equal(201, diagnostics.Count);
        Assert.Equal("RT0010", diagnostics[^1].Code);
        Assert.Contains("800 more", diagnostics[^1].Message);
    }

    [Fact]
    public void ALongChainOfTagReferencesCompiles()
    {
        var text = "tag t0 = true\n" + string.Join("\n", Enumerable.Range(1, 5_000).Select(i => $"tag t{i} = @t{i - 1}"));
        Assert.True(CatalogCompiler.TryCompile(text, out var catalog, out var diagnostics), string.Join("; ", diagnostics.Take(3)));
        Assert.True(catalog!.EvaluateTag("t5000", Fixture.Customer, [], Fixture.AsOf).IsTrue);
    }
}
