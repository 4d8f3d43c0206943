using RetailTagging.Language;

namespace RetailTagging.Cli.Input;

/// <summary>
/// Gives the custom properties that <see cref="EventFileReader"/> reads as text the types the catalog declares
/// (<c>property purchase.points : number</c>), so a rule compares numbers with numbers, and a value that does not
/// fit its type rejects the row instead of silently becoming null. A column that no event type declares is
/// reported once and dropped; a property declared for other event types only is kept as text.
/// </summary>
internal sealed class EventPropertyTyper
{
    private readonly TagSchema _schema;
    private readonly HashSet<string> _declared;
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly Action<string> _unknownColumn;

    /// <param name="schema">The catalog's schema.</param>
    /// <param name="unknownColumn">Called once per column that no event type declares.</param>
    public EventPropertyTyper(TagSchema schema, Action<string> unknownColumn)
    {
        _schema = schema ?? throw new ArgumentNullException(nameof(schema));
        _unknownColumn = unknownColumn ?? throw new ArgumentNullException(nameof(unknownColumn));
        var builtIn = TagSchema.BuiltInEventFields.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        _declared = schema.EventTypes.Keys.SelectMany(schema.PropertyNames).Where(n => !builtIn.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The event with typed properties, or the reason it cannot be typed.</summary>
    public (CustomerEvent? Event, string? Error) Type(CustomerEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Properties.Count == 0)
            return (e, null);
        var typed = new Dictionary<string, object?>(e.Properties.Count, StringComparer.Ordinal);
        foreach (var (name, value) in e.Properties)
        {
            if (!_declared.Contains(name))
            {
                if (_warned.Add(name))
                    _unknownColumn(name);
                continue;
            }
            if (value is string text && _schema.FindProperty(e.Type, name) is { IsBuiltIn: false } property)
            {
                if (!TypedValueParser.TryParse(text, property.Type, out var parsed, out var error))
                    return (null, $"property {name}: {error}");
                typed[name] = parsed;
            }
            else
            {
                typed[name] = value;
            }
        }
        return (e with { Properties = typed }, null);
    }
}
