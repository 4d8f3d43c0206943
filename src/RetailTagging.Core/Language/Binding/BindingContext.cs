using RetailTagging.Diagnostics;

namespace RetailTagging.Language.Binding;

/// <summary>What the binder needs besides the tree: the schema, the tags already bound, the shared aggregates and where to report.</summary>
internal sealed class BindingContext(TagSchema schema, AggregateTable aggregates, List<Diagnostic> diagnostics)
{
    public TagSchema Schema { get; } = schema;
    public AggregateTable Aggregates { get; } = aggregates;
    public List<Diagnostic> Diagnostics { get; } = diagnostics;

    /// <summary>Tags that may be referenced, with their slot and value type.</summary>
    public Dictionary<string, (int Index, TagType Type)> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Names of every tag in the catalog, for suggestions (including ones not yet bound).</summary>
    public HashSet<string> AllTagNames { get; } = new(StringComparer.Ordinal);

    /// <summary>Declared names that some expression used, for the unused-declaration warning.</summary>
    public HashSet<string> Used { get; } = new(StringComparer.Ordinal);
}
