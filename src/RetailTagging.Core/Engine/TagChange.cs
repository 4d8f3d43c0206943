using RetailTagging.Language;

namespace RetailTagging.Engine;

/// <summary>How a customer's tag changed.</summary>
public enum TagChangeKind
{
    /// <summary>The customer gained the tag.</summary>
    Added,
    /// <summary>The customer lost the tag because its rule no longer holds (or a manual removal).</summary>
    Removed,
    /// <summary>A valued tag's value changed.</summary>
    ValueChanged,
    /// <summary>The tag's time to live lapsed without a new confirmation.</summary>
    Expired,
}

/// <summary>One change of one customer's tags, with why it happened and which rule version did it.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Tag">The tag.</param>
/// <param name="Kind">What happened.</param>
/// <param name="OldValue">The value before (null when added).</param>
/// <param name="NewValue">The value after (null when removed or expired).</param>
/// <param name="At">The evaluation instant that saw the change.</param>
/// <param name="Source">The source of the new assignment, or of the one that ended.</param>
/// <param name="RuleVersion">The tag definition's version.</param>
/// <param name="Reason">Why, for people: "rule", "manual: ...", "ttl lapsed", "rule version changed".</param>
public sealed record TagChange(string CustomerId, string Tag, TagChangeKind Kind, Value OldValue, Value NewValue, DateTimeOffset At, TagSource Source, string RuleVersion, string Reason);
