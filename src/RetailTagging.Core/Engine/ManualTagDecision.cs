using RetailTagging.Language;

namespace RetailTagging.Engine;

/// <summary>What a manual decision does.</summary>
public enum ManualAction
{
    /// <summary>Assign the tag (with a value for valued tags).</summary>
    Assign,
    /// <summary>Remove the tag whatever its rule says.</summary>
    Remove,
}

/// <summary>The review state of a manual decision.</summary>
public enum ReviewStatus
{
    /// <summary>Waiting for review; not in force.</summary>
    Pending,
    /// <summary>In force: beats the rule.</summary>
    Approved,
    /// <summary>Rejected by the reviewer; never in force.</summary>
    Rejected,
    /// <summary>Withdrawn; no longer in force, the rule decides again.</summary>
    Withdrawn,
}

/// <summary>
/// A person's decision to assign or remove a tag for a customer. Immutable: review steps return
/// new instances. Only an approved decision is in force, and the latest one in force wins.
/// </summary>
public sealed record ManualTagDecision
{
    /// <summary>Creates a decision; with <paramref name="requiresReview"/> it starts pending.</summary>
    public ManualTagDecision(string customerId, string tag, ManualAction action, string decidedBy, string reason, DateTimeOffset decidedAt, Value? value = null, bool requiresReview = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(tag);
        ArgumentException.ThrowIfNullOrWhiteSpace(decidedBy);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        CustomerId = customerId;
        Tag = tag;
        Action = action;
        DecidedBy = decidedBy;
        Reason = reason;
        DecidedAt = decidedAt;
        Value = action == ManualAction.Assign ? value ?? Value.FromBool(true) : Value.Null;
        Status = requiresReview ? ReviewStatus.Pending : ReviewStatus.Approved;
        EffectiveFrom = requiresReview ? null : decidedAt;
    }

    /// <summary>The customer.</summary>
    public string CustomerId { get; }
    /// <summary>The tag.</summary>
    public string Tag { get; }
    /// <summary>Assign or remove.</summary>
    public ManualAction Action { get; }
    /// <summary>The assigned value (true for yes/no tags); null for removals.</summary>
    public Value Value { get; }
    /// <summary>Who decided.</summary>
    public string DecidedBy { get; }
    /// <summary>Why.</summary>
    public string Reason { get; }
    /// <summary>When it was decided.</summary>
    public DateTimeOffset DecidedAt { get; }
    /// <summary>The review state.</summary>
    public ReviewStatus Status { get; private init; }
    /// <summary>Who reviewed or withdrew it.</summary>
    public string? ReviewedBy { get; private init; }
    /// <summary>Since when the decision is in force (approval instant); null when it never was.</summary>
    public DateTimeOffset? EffectiveFrom { get; private init; }
    /// <summary>Until when it was in force (withdrawal instant).</summary>
    public DateTimeOffset? EffectiveUntil { get; private init; }

    /// <summary>
    /// Rebuilds a decision from stored fields (a store reading back what it saved); checks that the fields
    /// describe a state the review steps can reach.
    /// </summary>
    public static ManualTagDecision Restore(string customerId, string tag, ManualAction action, Value value, string decidedBy, string reason,
        DateTimeOffset decidedAt, ReviewStatus status, string? reviewedBy, DateTimeOffset? effectiveFrom, DateTimeOffset? effectiveUntil)
    {
        var consistent = status switch
        {
            ReviewStatus.Pending => effectiveFrom is null && effectiveUntil is null,
            ReviewStatus.Approved => effectiveFrom is not null && effectiveUntil is null,
            ReviewStatus.Rejected => effectiveFrom is null && effectiveUntil is not null,
            ReviewStatus.Withdrawn => effectiveFrom is not null && effectiveUntil is not null,
            _ => false,
        };
        if (!consistent)
            throw new ArgumentException($"A {status} decision cannot have effective-from {effectiveFrom?.ToString("O") ?? "none"} and effective-until {effectiveUntil?.ToString("O") ?? "none"}.", nameof(status));
        return new ManualTagDecision(customerId, tag, action, decidedBy, reason, decidedAt, value.IsNull ? null : value)
        {
            Status = status,
            ReviewedBy = reviewedBy,
            EffectiveFrom = effectiveFrom,
            EffectiveUntil = effectiveUntil,
        };
    }

    /// <summary>Approves a pending decision.</summary>
    public ManualTagDecision Approve(string reviewer, DateTimeOffset at) =>
        Status == ReviewStatus.Pending ? this with { Status = ReviewStatus.Approved, ReviewedBy = reviewer, EffectiveFrom = at }
        : throw new InvalidOperationException($"Only a pending decision can be approved; this one is {Status}.");

    /// <summary>Rejects a pending decision.</summary>
    public ManualTagDecision Reject(string reviewer, DateTimeOffset at) =>
        Status == ReviewStatus.Pending ? this with { Status = ReviewStatus.Rejected, ReviewedBy = reviewer, EffectiveUntil = at }
        : throw new InvalidOperationException($"Only a pending decision can be rejected; this one is {Status}.");

    /// <summary>Withdraws an approved decision: the rule decides again from <paramref name="at"/>.</summary>
    public ManualTagDecision Withdraw(string by, DateTimeOffset at) =>
        Status == ReviewStatus.Approved ? this with { Status = ReviewStatus.Withdrawn, ReviewedBy = by, EffectiveUntil = at }
        : throw new InvalidOperationException($"Only an approved decision can be withdrawn; this one is {Status}.");

    /// <summary>Whether the decision is in force at <paramref name="instant"/>.</summary>
    public bool IsInForceAt(DateTimeOffset instant) =>
        EffectiveFrom is { } from && from <= instant && (EffectiveUntil is not { } until || instant < until);
}
