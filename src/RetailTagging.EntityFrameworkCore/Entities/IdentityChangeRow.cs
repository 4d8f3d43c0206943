namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>Merge history: one merge or split of customers.</summary>
public sealed class IdentityChangeRow
{
    /// <summary>Database-generated id; the order of changes.</summary>
    public long Id { get; set; }
    /// <summary>When (UTC).</summary>
    public DateTime AtUtc { get; set; }
    /// <summary>Merged or Split.</summary>
    public string Kind { get; set; } = "";
    /// <summary>Customer ids before, JSON array.</summary>
    public string BeforeJson { get; set; } = "[]";
    /// <summary>Customer ids after, JSON array.</summary>
    public string AfterJson { get; set; } = "[]";
    /// <summary>Why.</summary>
    public string Reason { get; set; } = "";
}
