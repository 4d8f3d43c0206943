namespace RetailTagging.EntityFrameworkCore.Entities;

/// <summary>A trigger firing waiting for, or past, delivery: the delivery outbox and its dead letters.</summary>
public sealed class OutboxMessageRow
{
    /// <summary>The idempotency key (primary key: a firing is stored once).</summary>
    public string IdempotencyKey { get; set; } = "";
    /// <summary>The trigger id.</summary>
    public string TriggerId { get; set; } = "";
    /// <summary>The customer id.</summary>
    public string CustomerId { get; set; } = "";
    /// <summary>The action.</summary>
    public string Action { get; set; } = "";
    /// <summary>The channel.</summary>
    public string Channel { get; set; } = "";
    /// <summary>Priority among firings of the same moment.</summary>
    public int Priority { get; set; }
    /// <summary>When the cause happened (UTC).</summary>
    public DateTime CausedAtUtc { get; set; }
    /// <summary>Properties as a JSON object.</summary>
    public string PropertiesJson { get; set; } = "{}";
    /// <summary>Pending, Delivered or DeadLettered.</summary>
    public string Status { get; set; } = "Pending";
    /// <summary>Attempts made.</summary>
    public int Attempts { get; set; }
    /// <summary>Next attempt (UTC), while pending.</summary>
    public DateTime? NextAttemptAtUtc { get; set; }
    /// <summary>The last delivery error.</summary>
    public string? LastError { get; set; }
    /// <summary>Last status change (UTC).</summary>
    public DateTime UpdatedAtUtc { get; set; }
    /// <summary>Optimistic-concurrency token.</summary>
    public long Version { get; set; }
}
