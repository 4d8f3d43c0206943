using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetailTagging.Catalog;
using RetailTagging.Core.Tests.Generators;
using RetailTagging.Language;

namespace RetailTagging.Core.Tests;

/// <summary>The laws of the language, checked on random inputs. Seeds come from FsCheck, so a failure reports a reproducible seed.</summary>
public class LanguageProperties
{
    // Random trees can be costly; the cost limit has its own tests.
    private static readonly CompilationOptions Options = new() { Schema = Fixture.Schema, Limits = new LanguageLimits { MaxCost = int.MaxValue } };

    private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

    [Property(MaxTest = 500)]
    public Property PrintingThenParsingGivesTheSameTree() => Prop.ForAll(Seeds, seed =>
    {
        var tree = new RandomSyntax(new Random(seed)).Expr(5);
        var printed = tree.ToString();
        var parsed = TagExpression.TryParse(printed, out var reparsed, out var diagnostics);
        return (parsed && tree.Equals(reparsed))
            .Label($"seed {seed}: {printed} => {(parsed ? reparsed!.ToString() : string.Join("; ", diagnostics))}");
    });

    [Property(MaxTest = 300)]
    public Property CompiledAgreesWithInterpreted() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        var generator = new RandomTyped(random);
        var type = (RandomTyped.T)random.Next(6);
        var text = generator.Expr(type, 4);
        if (!TagExpression.TryCompile(text, out var compiled, out var diagnostics, Options))
            return false.Label($"seed {seed}: generated expression did not compile: {text}: {string.Join("; ", diagnostics)}");
        for (var i = 0; i < 5; i++)
        {
            var customer = generator.Customer();
            var events = generator.Events();
            var asOf = generator.AsOf();
            var scores = random.Next(2) == 0 ? Fixture.Scores : null;
            var expected = compiled!.Interpret(customer, events, asOf, scores);
            var actual = compiled.Evaluate(customer, events, asOf, scores);
            if (!expected.Equals(actual) || expected.IsTrue != compiled.IsTrue(customer, events, asOf, scores))
                return false.Label($"seed {seed}, sample {i}: {text}: compiled {actual}, interpreted {expected}");
        }
        return true.ToProperty();
    });

    [Property(MaxTest = 300)]
    public Property RandomTextNeverThrows() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        const string alphabet = "abcz_019 .,:=!<>+-*/%()[]@\"\\#\n\tdhmsw\u4e2d$";
        var text = new string(Enumerable.Range(0, random.Next(80)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        return NeverThrows(text).Label($"seed {seed}: {text}");
    });

    [Property(MaxTest = 300)]
    public Property TokenSoupNeverThrows() => Prop.ForAll(Seeds, seed =>
    {
        var random = new Random(seed);
        string[] tokens = ["tag", "x", "=", "(", ")", "[", "]", ",", ".", "customer", "city", "sum", "count", "purchase", "amount",
            "where", "within", "30d", "and", "or", "not", "case", "when", "then", "else", "end", "between", "in", "is", "null",
            "1", "2.5", "\"s\"", "@x", "==", "<", "+", "-", "*", "/", "%", "2024-01-01", "now", "score", ":", "fact", "\n", "segment", "ttl"];
        var text = string.Join(" ", Enumerable.Range(0, random.Next(60)).Select(_ => tokens[random.Next(tokens.Length)]));
        return NeverThrows(text).Label($"seed {seed}: {text}");
    });

    private static bool NeverThrows(string text)
    {
        var expressionOk = TagExpression.TryCompile(text, out var compiled, out var diagnostics, Options);
        if (expressionOk != (compiled is not null) || expressionOk == diagnostics.Any(d => d.IsError)) return false;
        compiled?.Evaluate(Fixture.Customer, Fixture.Events, Fixture.AsOf);
        var catalogOk = CatalogCompiler.TryCompile("tag t = " + text, out var catalog, out var catalogDiagnostics, Options);
        if (catalogOk != (catalog is not null) || catalogOk == catalogDiagnostics.Any(d => d.IsError)) return false;
        catalog?.EvaluateAll(Fixture.Customer, Fixture.Events, Fixture.AsOf);
        CatalogCompiler.TryCompile(text, out _, out _, Options);
        return true;
    }
}
