using RetailTagging.Diagnostics;
using RetailTagging.Language;
using RetailTagging.Language.Ast;

namespace RetailTagging.Catalog;

/// <summary>
/// The first pass over a catalog's declarations: extends the schema with declared attributes,
/// event types, properties and scores, gathers dimensions and the time zone, and reports
/// duplicates and unknown types.
/// </summary>
internal sealed class DeclarationCollector(CompilationOptions options, List<Diagnostic> diagnostics)
{
    private readonly Dictionary<string, SourcePosition> _seen = new(StringComparer.Ordinal);

    public TagSchema Schema { get; private set; } = options.Schema;
    public TimeZoneInfo TimeZone { get; private set; } = options.TimeZone;
    public List<DimensionDefinition> Dimensions { get; } = [];
    public List<(string Kind, string Name, SourcePosition Position)> Declared { get; } = [];

    public void Collect(IReadOnlyList<Declaration> declarations)
    {
        var builder = Schema.ToBuilder();
        // Event types first, so a property may be declared before its type in another file.
        foreach (var declaration in declarations.OfType<EventTypeDeclaration>())
        {
            if (!Claim("event type", declaration.Name, declaration)) continue;
            if (builder.HasEventType(declaration.Name)) { Duplicate("event type", declaration, "the schema"); continue; }
            builder.AddEventType(declaration.Name, declaration.Description);
            Declared.Add(("event type", declaration.Name, declaration.Location.Position));
        }
        foreach (var declaration in declarations)
        {
            switch (declaration)
            {
                case DimensionDeclaration dimension when Claim("dimension", dimension.Name, dimension):
                    Dimensions.Add(new DimensionDefinition(dimension.Name, dimension.DisplayName));
                    Declared.Add(("dimension", dimension.Name, dimension.Location.Position));
                    break;
                case AttributeDeclaration attribute when Claim("attribute", attribute.Name, attribute):
                    if (builder.HasAttribute(attribute.Name)) { Duplicate("attribute", attribute, "the schema"); break; }
                    if (ParseType(attribute.TypeName, attribute) is { } attributeType)
                    {
                        builder.AddAttribute(attribute.Name, attributeType, attribute.Description);
                        Declared.Add(("attribute", attribute.Name, attribute.Location.Position));
                    }
                    break;
                case PropertyDeclaration property when Claim("property", property.Name, property):
                    if (!builder.HasEventType(property.EventType))
                    {
                        Report(DiagnosticCodes.UnknownEventType, property, property.EventType, "");
                        break;
                    }
                    if (TagSchema.BuiltInEventFields.Any(f => f.Name == property.PropertyName) || builder.HasProperty(property.EventType, property.PropertyName))
                    {
                        Duplicate("property", property, "the schema");
                        break;
                    }
                    if (ParseType(property.TypeName, property) is { } propertyType)
                    {
                        builder.AddEventProperty(property.EventType, property.PropertyName, propertyType);
                        Declared.Add(("property", property.Name, property.Location.Position));
                    }
                    break;
                case ScoreDeclaration score when Claim("score", score.Name, score):
                    builder.AddScore(score.Name);
                    Declared.Add(("score", score.Name, score.Location.Position));
                    break;
                case TimeZoneDeclaration zone when Claim("timezone", "timezone", zone):
                    if (TimeZoneInfo.TryFindSystemTimeZoneById(zone.TimeZoneId, out var found)) TimeZone = found;
                    else Report(DiagnosticCodes.InvalidTimeZone, zone, zone.TimeZoneId);
                    break;
            }
        }
        Schema = builder.Build();
    }

    private TagType? ParseType(string name, Declaration at)
    {
        if (TagType.TryParse(name, out var type)) return type;
        Report(DiagnosticCodes.UnknownType, at, name, NameSuggester.Hint(name, ["bool", "number", "string", "instant", "date", "duration", "list<string>", "list<number>"]));
        return null;
    }

    /// <summary>Records the first declaration of a name in its namespace; reports later ones.</summary>
    public bool Claim(string kind, string name, Declaration declaration)
    {
        var key = kind + ":" + name;
        if (_seen.TryGetValue(key, out var first))
        {
            Duplicate(kind, declaration, $"{first.File}({first.Line},{first.Column})");
            return false;
        }
        _seen[key] = declaration.Location.Position;
        return true;
    }

    private void Duplicate(string kind, Declaration declaration, string where) =>
        diagnostics.Add(DiagnosticCodes.DuplicateDeclaration.At(declaration.Location.Position, kind, declaration.Name, where));

    private void Report(DiagnosticDescriptor descriptor, Declaration at, params object?[] args) =>
        diagnostics.Add(descriptor.At(at.Location.Position, args));
}
