namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>The latest delivery decision of one trigger for one customer: what cooldowns measure from.</summary>
public sealed class TriggerDeliveryRow
{
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The trigger id.</summary>
    public string TriggerId { get; set; } = "";
    /// <summary>The latest recorded delivery instant (UTC).</summary>
    public DateTime DeliveredAtUtc { get; set; }
}
