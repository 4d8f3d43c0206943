using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;
using RetailTagging.Language;

namespace RetailTagging.EntityFrameworkCore.Batch;

/// <summary>Rebuilds a manual decision from its row by replaying its review steps (the decision type is immutable).</summary>
internal static class ManualDecisionRows
{
    public static ManualTagDecision ToDecision(ManualDecisionRow row, TagType? valueType)
    {
        var action = Enum.Parse<ManualAction>(row.Action);
        var status = Enum.Parse<ReviewStatus>(row.Status);
        var decidedAt = Utc(row.DecidedAtUtc);
        var value = action == ManualAction.Assign ? ValueLiterals.Parse(row.Value, valueType) : (Value?)null;
        var from = row.EffectiveFromUtc is { } f ? Utc(f) : decidedAt;
        var until = row.EffectiveUntilUtc is { } u ? Utc(u) : decidedAt;
        var reviewer = row.ReviewedBy ?? row.DecidedBy;
        // In force from the moment it was decided: it needed no review. Only the instants matter to the engine.
        var approvedAtOnce = status is ReviewStatus.Approved or ReviewStatus.Withdrawn && from == decidedAt;
        var decision = new ManualTagDecision(row.CustomerId, row.Tag, action, row.DecidedBy, row.Reason, decidedAt, value, requiresReview: !approvedAtOnce);
        var approved = approvedAtOnce || status is ReviewStatus.Pending or ReviewStatus.Rejected ? decision : decision.Approve(reviewer, from);
        return status switch
        {
            ReviewStatus.Pending or ReviewStatus.Approved => approved,
            ReviewStatus.Rejected => decision.Reject(reviewer, until),
            ReviewStatus.Withdrawn => approved.Withdraw(reviewer, until),
            _ => throw new FormatException($"Unknown review status '{row.Status}'."),
        };
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
