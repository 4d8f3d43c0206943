using System.Security.Cryptography;
using System.Text;
using RetailTagging.Diagnostics;
using RetailTagging.Language;
using RetailTagging.Language.Ast;
using RetailTagging.Language.Binding;
using RetailTagging.Language.Optimization;
using RetailTagging.Language.Runtime;
using RetailTagging.Language.Syntax;

namespace RetailTagging.Catalog;

/// <summary>
/// Compiles catalog files into a <see cref="CompiledCatalog"/>. The pipeline: parse every file,
/// collect declarations into the schema, check tag headers, order tags by their references
/// (cycles are errors), bind and type-check in that order, simplify, check costs, compile.
/// Every error in every file is reported in one run.
/// </summary>
public static class CatalogCompiler
{
    /// <summary>Compiles <paramref name="sources"/> into one catalog.</summary>
    /// <returns>True when there were no errors; warnings may still be present.</returns>
    public static bool TryCompile(IEnumerable<CatalogSource> sources, out CompiledCatalog? catalog, out IReadOnlyList<Diagnostic> diagnostics, CompilationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        options ??= CompilationOptions.Default;
        options.Limits.Validate();
        var list = new List<Diagnostic>();
        catalog = Compile([.. sources], options, list);
        diagnostics = Cap(list, options.Limits.MaxDiagnostics);
        return catalog is not null;
    }

    /// <summary>Compiles catalog text (one file) into a catalog.</summary>
    public static bool TryCompile(string text, out CompiledCatalog? catalog, out IReadOnlyList<Diagnostic> diagnostics, CompilationOptions? options = null) =>
        TryCompile([new CatalogSource("<catalog>", text ?? throw new ArgumentNullException(nameof(text)))], out catalog, out diagnostics, options);

    private static CompiledCatalog? Compile(IReadOnlyList<CatalogSource> sources, CompilationOptions options, List<Diagnostic> diagnostics)
    {
        var declarations = new List<Declaration>();
        foreach (var source in sources)
            declarations.AddRange(SyntaxParser.ParseCatalog(source.Text, source.Path, options.Limits, diagnostics));

        var collector = new DeclarationCollector(options, diagnostics);
        collector.Collect(declarations);

        var dimensionNames = collector.Dimensions.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var usedDimensions = new HashSet<string>(StringComparer.Ordinal);
        var tagSyntax = new Dictionary<string, TagDeclaration>(StringComparer.Ordinal);
        var headers = new Dictionary<string, TagDefinition>(StringComparer.Ordinal);
        foreach (var tag in declarations.OfType<TagDeclaration>())
        {
            if (!collector.Claim("tag", tag.Name, tag)) continue;
            tagSyntax[tag.Name] = tag;
            if (TagClauses.Check(tag, dimensionNames, diagnostics, usedDimensions) is { } header) headers[tag.Name] = header;
        }

        var references = tagSyntax.ToDictionary(t => t.Key, t => DependencyGraph.References(t.Value.Expression), StringComparer.Ordinal);
        var (order, cycles) = DependencyGraph.Sort([.. tagSyntax.Keys], references);
        foreach (var cycle in cycles)
            diagnostics.Add(DiagnosticCodes.DependencyCycle.At(tagSyntax[cycle[0]].Location.Position, string.Join(" -> ", cycle.Select(t => "@" + t))));

        var table = new AggregateTable();
        var context = new BindingContext(collector.Schema, table, diagnostics);
        foreach (var name in tagSyntax.Keys) context.AllTagNames.Add(name);

        var tags = new List<(TagDefinition Definition, BoundExpr Bound)>();
        foreach (var name in order)
        {
            var syntax = tagSyntax[name];
            var bound = Binder.Bind(syntax.Expression, context);
            // A tag that failed still gets a slot of "any" type, so its dependents report only their own errors.
            var index = tags.Count;
            context.Tags[name] = (index, bound?.Type ?? TagType.Null);
            if (bound is null || !headers.TryGetValue(name, out var header)) { tags.Add((null!, null!)); continue; }
            var simplified = Simplifier.Simplify(bound);
            WarnIfConstant("tag", name, simplified, syntax.Location.Position, diagnostics);
            var cost = CostEstimator.Estimate(simplified);
            if (cost > options.Limits.MaxCost)
                diagnostics.Add(DiagnosticCodes.CostLimitExceeded.At(syntax.Location.Position, cost, options.Limits.MaxCost));
            tags.Add((header with
            {
                ValueType = simplified.Type,
                DependsOn = references[name],
                Cost = cost,
                Version = VersionOf(header, syntax),
            }, simplified));
        }

        var segments = new List<(SegmentDefinition Definition, BoundExpr Bound)>();
        foreach (var segment in declarations.OfType<SegmentDeclaration>())
        {
            if (!collector.Claim("segment", segment.Name, segment)) continue;
            var bound = Binder.Bind(segment.Expression, context);
            if (bound is null) continue;
            if (bound.Type.Kind is not (TypeKind.Bool or TypeKind.Null))
            {
                diagnostics.Add(DiagnosticCodes.SegmentNotBool.At(segment.Location.Position, segment.Name, bound.Type));
                continue;
            }
            var simplified = Simplifier.Simplify(bound);
            WarnIfConstant("segment", segment.Name, simplified, segment.Location.Position, diagnostics);
            segments.Add((new SegmentDefinition(segment.Name, segment.DisplayName, segment.Expression.ToString()), simplified));
        }

        var triggers = new TriggerChecker(collector, context, options, diagnostics).Check(declarations);
        WarnUnused(collector, context, usedDimensions, diagnostics);
        diagnostics.Sort(CompareDiagnostics);
        if (diagnostics.Any(d => d.IsError)) return null;
        return new CompiledCatalog(tags, segments, collector.Dimensions, collector.Schema, collector.TimeZone, new AggregatePlan(table.Specs)) { Triggers = triggers };
    }

    private static void WarnIfConstant(string kind, string name, BoundExpr simplified, SourcePosition position, List<Diagnostic> diagnostics)
    {
        if (simplified is BoundLiteral { Value.Kind: TypeKind.Bool } literal)
            diagnostics.Add(DiagnosticCodes.ConstantExpression.At(position, kind, name, literal.Value));
    }

    private static void WarnUnused(DeclarationCollector collector, BindingContext context, HashSet<string> usedDimensions, List<Diagnostic> diagnostics)
    {
        foreach (var (kind, name, position) in collector.Declared)
        {
            var used = kind switch
            {
                "dimension" => usedDimensions.Contains(name),
                "score" => context.Used.Contains("score:" + name),
                _ => context.Used.Contains(name),
            };
            if (!used) diagnostics.Add(DiagnosticCodes.UnusedDeclaration.At(position, kind, name));
        }
    }

    private static string VersionOf(TagDefinition header, TagDeclaration syntax)
    {
        var canonical = string.Join("\u001f", header.Name, header.DisplayName, header.Kind, header.Dimension, header.Owner,
            header.UseCase, header.Description, header.TimeToLive?.Ticks, syntax.Expression.ToString());
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12];
    }

    private static int CompareDiagnostics(Diagnostic a, Diagnostic b)
    {
        var byFile = string.CompareOrdinal(a.Position.File, b.Position.File);
        if (byFile != 0) return byFile;
        var byLine = a.Position.Line.CompareTo(b.Position.Line);
        return byLine != 0 ? byLine : a.Position.Column.CompareTo(b.Position.Column);
    }

    private static List<Diagnostic> Cap(List<Diagnostic> diagnostics, int max)
    {
        if (diagnostics.Count <= max) return diagnostics;
        var capped = diagnostics.Take(max).ToList();
        var summary = DiagnosticCodes.TooManyDiagnostics.At(diagnostics[max].Position, diagnostics.Count - max);
        // The summary is as serious as the worst diagnostic it hides.
        capped.Add(diagnostics.Skip(max).Any(d => d.IsError) ? summary : summary with { Severity = DiagnosticSeverity.Warning });
        return capped;
    }
}
