namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>An event: append-only, unique by event id.</summary>
public sealed class EventRow
{
    /// <summary>Insertion sequence (database-generated); keyset order for streaming.</summary>
    public long Sequence { get; set; }
    /// <summary>The event id (unique).</summary>
    public string Id { get; set; } = "";
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The event type (purchase, refund, cart_add, ...).</summary>
    public string Type { get; set; } = "";
    /// <summary>When it happened (UTC).</summary>
    public DateTime AtUtc { get; set; }
    /// <summary>Channel (pos, online, mini_program, ...).</summary>
    public string? Channel { get; set; }
    /// <summary>Store id.</summary>
    public string? Store { get; set; }
    /// <summary>Amount.</summary>
    public decimal? Amount { get; set; }
    /// <summary>SKU.</summary>
    public string? Sku { get; set; }
    /// <summary>Category.</summary>
    public string? Category { get; set; }
    /// <summary>Brand.</summary>
    public string? Brand { get; set; }
    /// <summary>Quantity.</summary>
    public decimal? Quantity { get; set; }
    /// <summary>Custom properties as a JSON object.</summary>
    public string? PropertiesJson { get; set; }
    /// <summary>When the row was stored (UTC).</summary>
    public DateTime StoredAtUtc { get; set; }
}
