using RetailTagging.Language;

namespace RetailTagging.Engine;

/// <summary>Where a tag assignment comes from.</summary>
public enum TagSource
{
    /// <summary>The tag's rule (expression) holds.</summary>
    Rule,
    /// <summary>A person's approved manual decision, which beats the rule until withdrawn.</summary>
    Manual,
    /// <summary>A rule that reads model scores (<c>score("...")</c>).</summary>
    Model,
}

/// <summary>One tag held by a customer.</summary>
/// <param name="Tag">The tag's name.</param>
/// <param name="Value">Its value: <c>true</c> for yes/no tags, otherwise the valued tag's value.</param>
/// <param name="AssignedAt">
/// When the current value was first seen: the previous set's instant carries over while the value
/// holds; for a manual decision, when it came into force; otherwise the evaluation instant.
/// </param>
/// <param name="ExpiresAt">
/// For a tag with a time to live whose rule no longer holds, when it lapses unless the rule holds
/// again (a TTL after the rule stopped holding); null while the rule holds, and for other tags.
/// </param>
/// <param name="Source">Rule, manual decision or model.</param>
/// <param name="RuleVersion">The version of the tag definition that produced it.</param>
public sealed record TagAssignment(string Tag, Value Value, DateTimeOffset AssignedAt, DateTimeOffset? ExpiresAt, TagSource Source, string RuleVersion);
