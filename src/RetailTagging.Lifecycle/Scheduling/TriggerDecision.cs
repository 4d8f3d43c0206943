namespace RetailTagging.Lifecycle;

/// <summary>What happened to one (potential) firing.</summary>
public enum TriggerOutcome
{
    /// <summary>A timer was set for a delayed or dated firing.</summary>
    Scheduled,
    /// <summary>A pending firing was cancelled by its cancel condition.</summary>
    Cancelled,
    /// <summary>Deferred to the end of quiet hours.</summary>
    Deferred,
    /// <summary>Dropped by a policy (opt-out on every channel, cooldown, frequency cap); see the reason.</summary>
    Suppressed,
    /// <summary>Already decided earlier (a replayed cause): nothing done.</summary>
    Duplicate,
    /// <summary>The sink accepted it.</summary>
    Delivered,
    /// <summary>The sink failed; a retry is scheduled.</summary>
    RetryScheduled,
    /// <summary>The sink failed on the last attempt; it is in the dead-letter store.</summary>
    DeadLettered,
}

/// <summary>One decision, for logs, tests and explanations.</summary>
/// <param name="TriggerId">The trigger.</param>
/// <param name="CustomerId">The customer.</param>
/// <param name="IdempotencyKey">The firing's key.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="At">When it was decided (for a schedule or deferral: when it is due).</param>
/// <param name="Reason">Why, for suppressions, cancellations and failures.</param>
/// <param name="Channel">The channel, for deliveries.</param>
public sealed record TriggerDecision(string TriggerId, string CustomerId, string IdempotencyKey, TriggerOutcome Outcome, DateTimeOffset At, string? Reason = null, TriggerChannel? Channel = null);
