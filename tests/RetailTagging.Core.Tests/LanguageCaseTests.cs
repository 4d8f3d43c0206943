using RetailTagging.Language;

namespace RetailTagging.Core.Tests;

public class LanguageCaseTests
{
    private static readonly CompilationOptions Options = new() { Schema = Fixture.Schema };

    public static IEnumerable<object[]> EvaluationCases() => CaseFiles.Read("evaluation.cases");

    public static IEnumerable<object[]> DiagnosticCases() => CaseFiles.Read("diagnostics.cases");

    [Theory]
    [MemberData(nameof(EvaluationCases))]
    public void Evaluates(string expression, string expected, int line) => AssertEvaluates(expression, expected, line, Options);

    /// <summary>The expression's value, compiled and interpreted, equals the expected expression's value.</summary>
    internal static void AssertEvaluates(string expression, string expected, int line, CompilationOptions options)
    {
        Assert.True(TagExpression.TryCompile(expression, out var compiled, out var diagnostics, options),
            $"line {line}: {string.Join("; ", diagnostics)}");
        Assert.True(TagExpression.TryCompile(expected, out var expectedExpression, out var expectedDiagnostics, options),
            $"line {line} expected: {string.Join("; ", expectedDiagnostics)}");
        var want = expectedExpression!.Evaluate(Fixture.Customer, [], Fixture.AsOf);

        var compiledValue = compiled!.Evaluate(Fixture.Customer, Fixture.Events, Fixture.AsOf, Fixture.Scores);
        var interpreted = compiled.Interpret(Fixture.Customer, Fixture.Events, Fixture.AsOf, Fixture.Scores);

        Assert.True(want.Equals(compiledValue), $"line {line}: {expression} compiled to {compiledValue}, expected {want}");
        Assert.True(want.Equals(interpreted), $"line {line}: {expression} interpreted to {interpreted}, expected {want}");
        Assert.Equal(want.IsTrue, compiled.IsTrue(Fixture.Customer, Fixture.Events, Fixture.AsOf, Fixture.Scores));
    }

    [Theory]
    [MemberData(nameof(DiagnosticCases))]
    public void Reports(string expression, string expected, int line)
    {
        TagExpression.TryCompile(expression, out _, out var diagnostics, Options);
        var codes = string.Join(", ", diagnostics.Select(d => d.Code));
        Assert.True(expected == codes, $"line {line}: {expression} gave [{codes}], expected [{expected}]: {string.Join("; ", diagnostics)}");
        foreach (var diagnostic in diagnostics)
        {
            Assert.Equal(TagExpression.SourceName, diagnostic.Position.File);
            Assert.InRange(diagnostic.Position.Column, 1, expression.Length + 1);
        }
    }
}
