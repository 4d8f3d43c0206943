namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A manual tag decision with its review state.</summary>
public sealed class ManualDecisionRow
{
    /// <summary>Database-generated id.</summary>
    public long Id { get; set; }
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The tag name.</summary>
    public string Tag { get; set; } = "";
    /// <summary>Assign or Remove.</summary>
    public string Action { get; set; } = "";
    /// <summary>The value (literal syntax).</summary>
    public string Value { get; set; } = "true";
    /// <summary>Who decided.</summary>
    public string DecidedBy { get; set; } = "";
    /// <summary>Why.</summary>
    public string Reason { get; set; } = "";
    /// <summary>When (UTC).</summary>
    public DateTime DecidedAtUtc { get; set; }
    /// <summary>Review status.</summary>
    public string Status { get; set; } = "";
    /// <summary>Reviewer, if reviewed.</summary>
    public string? ReviewedBy { get; set; }
    /// <summary>When it takes effect (UTC).</summary>
    public DateTime? EffectiveFromUtc { get; set; }
    /// <summary>When it stops (UTC), once withdrawn or rejected.</summary>
    public DateTime? EffectiveUntilUtc { get; set; }
    /// <summary>Optimistic-concurrency token.</summary>
    public long Version { get; set; }
}
