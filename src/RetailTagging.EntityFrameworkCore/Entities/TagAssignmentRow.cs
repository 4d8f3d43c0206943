namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A tag currently assigned to a customer.</summary>
public sealed class TagAssignmentRow
{
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The tag name.</summary>
    public string Tag { get; set; } = "";
    /// <summary>The value in the language's literal syntax (<c>true</c>, <c>'gold'</c>, <c>12.5</c>).</summary>
    public string Value { get; set; } = "true";
    /// <summary>When it was assigned (UTC).</summary>
    public DateTime AssignedAtUtc { get; set; }
    /// <summary>When it lapses (UTC), for tags with a TTL.</summary>
    public DateTime? ExpiresAtUtc { get; set; }
    /// <summary>Rule, Manual or Model.</summary>
    public string Source { get; set; } = "Rule";
    /// <summary>The rule version that assigned it.</summary>
    public string RuleVersion { get; set; } = "";
    /// <summary>Optimistic-concurrency token.</summary>
    public long Version { get; set; }
}
