using System.Collections.Frozen;

namespace RetailTagging.Language;

/// <summary>
/// The names an expression may use: customer attributes, event types and their properties, and
/// model scores. Immutable; build extended schemas with <see cref="CreateBuilder"/> or
/// <see cref="ToBuilder"/>. Anything not in the schema is a compile error with a suggestion.
/// </summary>
public sealed class TagSchema
{
    internal TagSchema(
        FrozenDictionary<string, AttributeDefinition> attributes,
        FrozenDictionary<string, EventTypeDefinition> eventTypes,
        FrozenDictionary<string, FrozenDictionary<string, PropertyDefinition>> customProperties,
        FrozenSet<string> scores)
    {
        Attributes = attributes;
        EventTypes = eventTypes;
        CustomProperties = customProperties;
        Scores = scores;
    }

    /// <summary>The built-in customer attributes.</summary>
    public static IReadOnlyList<AttributeDefinition> BuiltInAttributes { get; } =
    [
        new("id", TagType.String, "The customer's stable id.", true),
        new("name", TagType.String, "Full name.", true),
        new("gender", TagType.String, "Gender as recorded by the host.", true),
        new("birth_date", TagType.Date, "Date of birth.", true),
        new("age", TagType.Number, "Completed years at the as-of date, from birth_date.", true),
        new("phone", TagType.String, "Phone number.", true),
        new("email", TagType.String, "E-mail address.", true),
        new("city", TagType.String, "City.", true),
        new("registered_at", TagType.Instant, "When the customer registered.", true),
        new("member_level", TagType.String, "Membership level.", true),
    ];

    /// <summary>The fields every event has.</summary>
    public static IReadOnlyList<PropertyDefinition> BuiltInEventFields { get; } =
    [
        new("id", TagType.String, true),
        new("type", TagType.String, true),
        new("at", TagType.Instant, true),
        new("channel", TagType.String, true),
        new("store", TagType.String, true),
        new("amount", TagType.Number, true),
        new("sku", TagType.String, true),
        new("category", TagType.String, true),
        new("brand", TagType.String, true),
        new("quantity", TagType.Number, true),
    ];

    private static readonly FrozenDictionary<string, PropertyDefinition> BuiltInFieldsByName =
        BuiltInEventFields.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The schema every catalog starts from: built-in attributes, fields and event types.</summary>
    public static TagSchema Default { get; } = CreateBuilder().Build();

    /// <summary>Customer attributes by name.</summary>
    public IReadOnlyDictionary<string, AttributeDefinition> Attributes { get; }

    /// <summary>Event types by name.</summary>
    public IReadOnlyDictionary<string, EventTypeDefinition> EventTypes { get; }

    internal FrozenDictionary<string, FrozenDictionary<string, PropertyDefinition>> CustomProperties { get; }

    /// <summary>Declared model scores, usable as <c>score("name")</c>.</summary>
    public IReadOnlySet<string> Scores { get; }

    /// <summary>Finds a field or custom property of <paramref name="eventType"/>.</summary>
    public PropertyDefinition? FindProperty(string eventType, string name)
    {
        if (BuiltInFieldsByName.TryGetValue(name, out var field)) return field;
        return CustomProperties.TryGetValue(eventType, out var properties) && properties.TryGetValue(name, out var property) ? property : null;
    }

    /// <summary>Every property name valid for <paramref name="eventType"/>, for suggestions.</summary>
    public IEnumerable<string> PropertyNames(string eventType) =>
        BuiltInFieldsByName.Keys.Concat(CustomProperties.TryGetValue(eventType, out var properties) ? properties.Keys : []);

    /// <summary>A builder holding the built-ins only.</summary>
    public static TagSchemaBuilder CreateBuilder() => new();

    /// <summary>A builder holding everything in this schema, to extend it.</summary>
    public TagSchemaBuilder ToBuilder()
    {
        var builder = new TagSchemaBuilder();
        foreach (var attribute in Attributes.Values.Where(a => !a.IsBuiltIn)) builder.AddAttribute(attribute.Name, attribute.Type, attribute.Description);
        foreach (var type in EventTypes.Values.Where(t => !t.IsBuiltIn)) builder.AddEventType(type.Name, type.Description);
        foreach (var (type, properties) in CustomProperties)
        foreach (var property in properties.Values) builder.AddEventProperty(type, property.Name, property.Type);
        foreach (var score in Scores) builder.AddScore(score);
        return builder;
    }
}
