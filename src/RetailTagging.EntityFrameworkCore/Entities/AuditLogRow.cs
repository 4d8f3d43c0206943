namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>An audit entry: who did what to which subject, when.</summary>
public sealed class AuditLogRow
{
    /// <summary>Database-generated id.</summary>
    public long Id { get; set; }
    /// <summary>When (UTC).</summary>
    public DateTime AtUtc { get; set; }
    /// <summary>Who (a person, or the component such as "batch").</summary>
    public string Actor { get; set; } = "";
    /// <summary>What (manual_decision, erase_customer, batch_run, merge, ...).</summary>
    public string Action { get; set; } = "";
    /// <summary>The customer id the entry is about, if any.</summary>
    public string? CustomerId { get; set; }
    /// <summary>Details (never personal data in clear).</summary>
    public string? Details { get; set; }
}
