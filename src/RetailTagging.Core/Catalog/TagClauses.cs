using RetailTagging.Diagnostics;
using RetailTagging.Language;
using RetailTagging.Language.Ast;

namespace RetailTagging.Catalog;

/// <summary>Checks a tag's header: kind, dimension and metadata clauses.</summary>
internal static class TagClauses
{
    private static readonly string[] Known = ["owner", "use", "description", "ttl"];

    public static TagDefinition? Check(TagDeclaration tag, IReadOnlyCollection<string> dimensions, List<Diagnostic> diagnostics, HashSet<string> usedDimensions)
    {
        var ok = true;
        var kind = tag.KindName switch
        {
            null or "fact" => TagKind.Fact,
            "model" => TagKind.Model,
            "predictive" => TagKind.Predictive,
            _ => (TagKind)(-1),
        };
        if (kind < 0)
        {
            diagnostics.Add(DiagnosticCodes.UnknownKind.At(tag.Location.Position, tag.KindName, NameSuggester.Hint(tag.KindName!, ["fact", "model", "predictive"])));
            ok = false;
        }
        if (tag.Dimension is not null)
        {
            usedDimensions.Add(tag.Dimension);
            if (!dimensions.Contains(tag.Dimension))
            {
                diagnostics.Add(DiagnosticCodes.UnknownDimension.At(tag.Location.Position, tag.Dimension, NameSuggester.Hint(tag.Dimension, dimensions)));
                ok = false;
            }
        }
        var values = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var clause in tag.Metadata)
        {
            var at = clause.Location.Position;
            if (!Known.Contains(clause.Key))
            {
                diagnostics.Add(DiagnosticCodes.UnknownClause.At(at, clause.Key, NameSuggester.Hint(clause.Key, Known)));
                ok = false;
            }
            else if (!values.TryAdd(clause.Key, clause.Value))
            {
                diagnostics.Add(DiagnosticCodes.DuplicateMetadata.At(at, clause.Key));
                ok = false;
            }
            else if (clause.Key == "ttl" ? clause.Value.AsDuration is not { Ticks: > 0 } : clause.Value.Kind != TypeKind.String)
            {
                diagnostics.Add(DiagnosticCodes.InvalidClause.At(at, clause.Key, clause.Key == "ttl" ? "a positive duration such as 72h" : "a string"));
                ok = false;
            }
        }
        if (!ok) return null;
        return new TagDefinition
        {
            Name = tag.TagName,
            DisplayName = tag.DisplayName,
            Kind = kind,
            Dimension = tag.Dimension,
            Owner = values.GetValueOrDefault("owner").AsString,
            UseCase = values.GetValueOrDefault("use").AsString,
            Description = values.GetValueOrDefault("description").AsString,
            TimeToLive = values.GetValueOrDefault("ttl").AsDuration,
            Expression = tag.Expression.ToString(),
            ValueType = TagType.Null,
            Version = "",
            Position = tag.Location.Position,
        };
    }
}
