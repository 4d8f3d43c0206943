using RetailTagging.Diagnostics;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Optimization;
using RetailTagging.Language.Runtime;
using RetailTagging.Language.Syntax;

namespace RetailTagging.Language;

/// <summary>
/// Parses and compiles single expressions. The pipeline: tokenize and parse, bind and type-check
/// against the schema, simplify, check the cost, compile to delegates.
/// </summary>
public static class TagExpression
{
    /// <summary>The label used as the file name in diagnostics of a lone expression.</summary>
    public const string SourceName = "<expression>";

    /// <summary>Parses <paramref name="text"/> into a syntax tree.</summary>
    /// <returns>True when there were no errors.</returns>
    public static bool TryParse(string text, out Expr? expression, out IReadOnlyList<Diagnostic> diagnostics, LanguageLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var list = new List<Diagnostic>();
        expression = SyntaxParser.ParseExpression(text, SourceName, limits ?? LanguageLimits.Default, list);
        diagnostics = list;
        if (list.Any(d => d.IsError)) expression = null;
        return expression is not null;
    }

    /// <summary>Parses, checks and compiles <paramref name="text"/>.</summary>
    /// <returns>True when there were no errors; warnings may still be present.</returns>
    public static bool TryCompile(string text, out CompiledExpression? compiled, out IReadOnlyList<Diagnostic> diagnostics, CompilationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        options ??= CompilationOptions.Default;
        options.Limits.Validate();
        var list = new List<Diagnostic>();
        diagnostics = list;
        compiled = null;
        var syntax = SyntaxParser.ParseExpression(text, SourceName, options.Limits, list);
        if (syntax is null || list.Any(d => d.IsError)) return false;
        var table = new AggregateTable();
        var context = new BindingContext(options.Schema, table, list);
        var bound = Binder.Bind(syntax, context);
        if (bound is null) return false;
        var simplified = Simplifier.Simplify(bound);
        var cost = CostEstimator.Estimate(simplified);
        if (cost > options.Limits.MaxCost)
        {
            list.Add(DiagnosticCodes.CostLimitExceeded.At(syntax.Location.Position, cost, options.Limits.MaxCost));
            return false;
        }
        compiled = new CompiledExpression(syntax.ToString(), simplified, new AggregatePlan(table.Specs), cost, options.TimeZone);
        return true;
    }
}
