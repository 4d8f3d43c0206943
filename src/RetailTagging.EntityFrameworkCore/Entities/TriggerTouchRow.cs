namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>One marketing touch of a customer (a delivery decision of a marketing trigger): what frequency caps count.</summary>
public sealed class TriggerTouchRow
{
    /// <summary>Database-generated id, so two touches at the same instant are both kept.</summary>
    public long Id { get; set; }
    /// <summary>The customer id; indexed with the instant.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>When the touch was decided (UTC).</summary>
    public DateTime AtUtc { get; set; }
}
