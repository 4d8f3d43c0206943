namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A record from a source system (POS, shop, member system, service desk) and the customer it resolved to.</summary>
public sealed class SourceRecordRow
{
    /// <summary>The record id.</summary>
    public string Id { get; set; } = "";
    /// <summary>The source system.</summary>
    public string Source { get; set; } = "";
    /// <summary>The source's priority in survivorship.</summary>
    public int? Priority { get; set; }
    /// <summary>Created (UTC).</summary>
    public DateTime? CreatedAtUtc { get; set; }
    /// <summary>Updated (UTC).</summary>
    public DateTime? UpdatedAtUtc { get; set; }
    /// <summary>The attributes as a JSON object, encrypted (they hold names and contact data).</summary>
    public byte[]? AttributesCipher { get; set; }
    /// <summary>The events the source recorded for the profile, as a JSON array (no personal data).</summary>
    public string? EventsJson { get; set; }
    /// <summary>The customer (cluster) the record belongs to, once resolved.</summary>
    public string? CustomerId { get; set; }
}
