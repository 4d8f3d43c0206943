namespace RetailTagging.Language;

/// <summary>A customer attribute the language knows: built in, or declared in code or a catalog.</summary>
/// <param name="Name">The name after <c>customer.</c>.</param>
/// <param name="Type">Its type.</param>
/// <param name="Description">What it means, for docs and tooling.</param>
/// <param name="IsBuiltIn">True for the attributes every catalog has.</param>
public sealed record AttributeDefinition(string Name, TagType Type, string? Description = null, bool IsBuiltIn = false);

/// <summary>A property of events: a built-in field or a declared custom property.</summary>
/// <param name="Name">The field name, e.g. <c>amount</c>.</param>
/// <param name="Type">Its type.</param>
/// <param name="IsBuiltIn">True for the fields every event has.</param>
public sealed record PropertyDefinition(string Name, TagType Type, bool IsBuiltIn = false);

/// <summary>An event type with its custom properties (built-in fields apply to every type).</summary>
/// <param name="Name">The type name, e.g. <c>purchase</c>.</param>
/// <param name="Description">What it means.</param>
/// <param name="IsBuiltIn">True for the standard retail types.</param>
public sealed record EventTypeDefinition(string Name, string? Description = null, bool IsBuiltIn = false);
