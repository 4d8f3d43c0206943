namespace RetailTagging.Identity;

/// <summary>One identifier as a source system recorded it, before normalisation.</summary>
/// <param name="Type">The identifier type, e.g. <see cref="IdentifierTypes.Phone"/> (case-insensitive).</param>
/// <param name="Value">The raw value, e.g. <c>"+86 138-1234-5678"</c>.</param>
public readonly record struct SourceIdentifier(string Type, string Value);
