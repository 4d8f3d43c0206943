namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>One tag change (added, removed, value changed, expired), append-only.</summary>
public sealed class TagHistoryRow
{
    /// <summary>Database-generated id; the order of changes.</summary>
    public long Id { get; set; }
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The tag name.</summary>
    public string Tag { get; set; } = "";
    /// <summary>Added, Removed, ValueChanged or Expired.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The value before (literal syntax), <c>null</c> when there was none.</summary>
    public string? OldValue { get; set; }
    /// <summary>The value after (literal syntax), <c>null</c> when there is none.</summary>
    public string? NewValue { get; set; }
    /// <summary>When the change took effect (UTC): the start of the new state and the end of the old one.</summary>
    public DateTime AtUtc { get; set; }
    /// <summary>Rule, Manual or Model.</summary>
    public string Source { get; set; } = "Rule";
    /// <summary>The rule version.</summary>
    public string RuleVersion { get; set; } = "";
    /// <summary>Why it changed.</summary>
    public string Reason { get; set; } = "";
    /// <summary>The batch run that wrote it, if any (used to resume a crashed run without duplicates).</summary>
    public string? RunId { get; set; }
}
