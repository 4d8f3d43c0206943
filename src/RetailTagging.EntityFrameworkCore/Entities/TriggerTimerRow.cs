namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A pending lifecycle trigger timer; unique by trigger, customer and cause.</summary>
public sealed class TriggerTimerRow
{
    /// <summary>The trigger id.</summary>
    public string TriggerId { get; set; } = "";
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>What caused it (event id, tag change, date).</summary>
    public string CauseId { get; set; } = "";
    /// <summary>When the cause happened (UTC).</summary>
    public DateTime CausedAtUtc { get; set; }
    /// <summary>When it is due (UTC); indexed.</summary>
    public DateTime DueAtUtc { get; set; }
    /// <summary>Scheduled, Deferred or Retry.</summary>
    public string Stage { get; set; } = "";
    /// <summary>Delivery attempt number.</summary>
    public int Attempt { get; set; }
    /// <summary>The channel.</summary>
    public string Channel { get; set; } = "";
    /// <summary>The date anchor of date triggers.</summary>
    public DateOnly? Anchor { get; set; }
    /// <summary>Optimistic-concurrency token.</summary>
    public long Version { get; set; }
}
