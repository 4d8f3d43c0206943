namespace RetailTagging.Identity;

/// <summary>An identifier of a record that was not used for linking, and why (invalid or blocked).</summary>
/// <param name="RecordId">The record.</param>
/// <param name="Type">The identifier type.</param>
/// <param name="RawValue">The value as the source gave it.</param>
/// <param name="Reason">Why it was not used.</param>
/// <param name="Blocked">True for a blocked (placeholder) value, false for an invalid one.</param>
public sealed record IdentifierIssue(string RecordId, string Type, string RawValue, string Reason, bool Blocked);
