using System.Collections.Frozen;

namespace RetailTagging.Language;

/// <summary>Declares custom attributes, event types, event properties and scores in code.</summary>
public sealed class TagSchemaBuilder
{
    private readonly Dictionary<string, AttributeDefinition> _attributes =
        TagSchema.BuiltInAttributes.ToDictionary(a => a.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, EventTypeDefinition> _eventTypes =
        RetailTagging.EventTypes.All.ToDictionary(t => t, t => new EventTypeDefinition(t, null, true), StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, PropertyDefinition>> _properties = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scores = new(StringComparer.Ordinal);

    internal TagSchemaBuilder() { }

    /// <summary>Declares a custom customer attribute, read from <see cref="Customer.Attributes"/>.</summary>
    /// <exception cref="ArgumentException">The name is not a valid identifier or is already declared.</exception>
    public TagSchemaBuilder AddAttribute(string name, TagType type, string? description = null)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(type);
        if (!_attributes.TryAdd(name, new AttributeDefinition(name, type, description)))
            throw new ArgumentException($"Attribute '{name}' is already declared.", nameof(name));
        return this;
    }

    /// <summary>Declares a custom event type.</summary>
    public TagSchemaBuilder AddEventType(string name, string? description = null)
    {
        ValidateName(name);
        if (!_eventTypes.TryAdd(name, new EventTypeDefinition(name, description)))
            throw new ArgumentException($"Event type '{name}' is already declared.", nameof(name));
        return this;
    }

    /// <summary>Declares a custom property of an event type, read from <see cref="CustomerEvent.Properties"/>.</summary>
    public TagSchemaBuilder AddEventProperty(string eventType, string name, TagType type)
    {
        ValidateName(name);
        ArgumentNullException.ThrowIfNull(type);
        if (!_eventTypes.ContainsKey(eventType))
            throw new ArgumentException($"Event type '{eventType}' is not declared.", nameof(eventType));
        if (TagSchema.BuiltInEventFields.Any(f => f.Name == name))
            throw new ArgumentException($"'{name}' is a built-in event field.", nameof(name));
        var properties = _properties.TryGetValue(eventType, out var existing) ? existing : _properties[eventType] = new(StringComparer.Ordinal);
        if (!properties.TryAdd(name, new PropertyDefinition(name, type)))
            throw new ArgumentException($"Property '{eventType}.{name}' is already declared.", nameof(name));
        return this;
    }

    /// <summary>Declares a model score, usable as <c>score("name")</c>.</summary>
    public TagSchemaBuilder AddScore(string name)
    {
        ValidateName(name);
        _scores.Add(name);
        return this;
    }

    internal bool HasAttribute(string name) => _attributes.ContainsKey(name);
    internal bool HasEventType(string name) => _eventTypes.ContainsKey(name);
    internal bool HasProperty(string eventType, string name) => _properties.TryGetValue(eventType, out var p) && p.ContainsKey(name);

    /// <summary>Builds the immutable schema.</summary>
    public TagSchema Build() => new(
        _attributes.ToFrozenDictionary(StringComparer.Ordinal),
        _eventTypes.ToFrozenDictionary(StringComparer.Ordinal),
        _properties.ToFrozenDictionary(p => p.Key, p => p.Value.ToFrozenDictionary(StringComparer.Ordinal), StringComparer.Ordinal),
        _scores.ToFrozenSet(StringComparer.Ordinal));

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!(char.IsAsciiLetter(name[0]) || name[0] == '_') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw new ArgumentException($"'{name}' is not a valid name: use letters, digits and '_', not starting with a digit.", nameof(name));
    }
}
