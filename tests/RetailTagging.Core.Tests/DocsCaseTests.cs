using RetailTagging.Language;

namespace RetailTagging.Core.Tests;

/// <summary>
/// Every example of docs/language.md, kept in Cases/docs.cases, must evaluate as the docs say,
/// compiled and interpreted alike. A case may start with <c>[Zone/Id]</c> to set the business time zone.
/// </summary>
public class DocsCaseTests
{
    public static IEnumerable<object[]> DocsCases() => CaseFiles.Read("docs.cases");

    [Theory]
    [MemberData(nameof(DocsCases))]
    public void DocumentedExampleEvaluates(string line, string expected, int lineNumber)
    {
        var zone = TimeZoneInfo.Utc;
        var expression = line;
        if (line.StartsWith('['))
        {
            var close = line.IndexOf(']', StringComparison.Ordinal);
            zone = TimeZoneInfo.FindSystemTimeZoneById(line[1..close]);
            expression = line[(close + 1)..].TrimStart();
        }
        var options = new CompilationOptions { Schema = Fixture.Schema, TimeZone = zone };
        Assert.True(TagExpression.TryCompile(expression, out var compiled, out var diagnostics, options),
            $"line {lineNumber}: {string.Join("; ", diagnostics)}");
        Assert.True(TagExpression.TryCompile(expected, out var expectedExpression, out var expectedDiagnostics, options),
            $"line {lineNumber} expected: {string.Join("; ", expectedDiagnostics)}");
        var want = expectedExpression!.Evaluate(Fixture.Customer, [], Fixture.AsOf);

        var compiledValue = compiled!.Evaluate(Fixture.Customer, Fixture.Events, Fixture.AsOf, Fixture.Scores);
        var interpreted = compiled.Interpret(Fixture.Customer, Fixture.Events, Fixture.AsOf, Fixture.Scores);

        Assert.True(want.Equals(compiledValue), $"line {lineNumber}: {expression} compiled to {compiledValue}, expected {want}");
        Assert.True(want.Equals(interpreted), $"line {lineNumber}: {expression} interpreted to {interpreted}, expected {want}");
        Assert.Equal(want.IsTrue, compiled.IsTrue(Fixture.Customer, Fixture.Events, Fixture.AsOf, Fixture.Scores));
    }
}
