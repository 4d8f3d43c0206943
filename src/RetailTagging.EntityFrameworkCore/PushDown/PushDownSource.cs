using RetailTagging.Catalog;
using RetailTagging.Diagnostics;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Syntax;

namespace RetailTagging.EntityFrameworkCore.PushDown;

/// <summary>
/// Resolves what to push down: a segment of the catalog, a tag of the catalog, or an expression
/// written against the catalog's schema and tags. It is parsed and bound here (not taken from the
/// compiled catalog) so that the syntax tree, with positions, and the bound tree, with types, match
/// node for node.
/// </summary>
internal sealed record PushDownSource(string Label, Expr Syntax, BoundExpr Bound)
{
    public static PushDownSource? Resolve(CompiledCatalog catalog, string text, List<PushDownProblem> problems)
    {
        var trimmed = text.Trim();
        string label, expression;
        if (IsName(trimmed))
        {
            if (catalog.Segments.FirstOrDefault(s => s.Name == trimmed) is { } segment)
                (label, expression) = ($"segment '{segment.Name}'", segment.Expression);
            else if (catalog.FindTag(trimmed) is { } tag)
                (label, expression) = ($"tag '{tag.Name}'", tag.Expression);
            else
            {
                var known = catalog.Segments.Select(s => s.Name).Concat(catalog.Tags.Select(t => t.Name));
                problems.Add(new PushDownProblem(trimmed, $"the catalog has no segment or tag of that name{NameSuggester.Hint(trimmed, known)}",
                    new SourcePosition(TagExpression.SourceName, 1, 1, trimmed.Length)));
                return null;
            }
        }
        else (label, expression) = (TagExpression.SourceName, text);

        var diagnostics = new List<Diagnostic>();
        var syntax = SyntaxParser.ParseExpression(expression, label, LanguageLimits.Default, diagnostics);
        BoundExpr? bound = null;
        if (syntax is not null && !diagnostics.Any(d => d.IsError))
        {
            var context = new BindingContext(catalog.Schema, new AggregateTable(), diagnostics);
            for (var i = 0; i < catalog.Tags.Count; i++)
            {
                context.Tags[catalog.Tags[i].Name] = (i, catalog.Tags[i].ValueType);
                context.AllTagNames.Add(catalog.Tags[i].Name);
            }
            bound = Binder.Bind(syntax, context);
        }
        foreach (var error in diagnostics.Where(d => d.IsError))
            problems.Add(new PushDownProblem(error.Code, error.Message, error.Position, error.Code));
        return syntax is null || bound is null || problems.Count > 0 ? null : new PushDownSource(label, syntax, bound);
    }

    private static bool IsName(string text) =>
        text.Length > 0 && (char.IsAsciiLetter(text[0]) || text[0] == '_') && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
