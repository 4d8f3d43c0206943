using RetailTagging.Engine;
using RetailTagging.EntityFrameworkCore.Entities;

namespace RetailTagging.EntityFrameworkCore.Stores;

/// <summary>Tag assignments, changes and manual decisions to rows and back.</summary>
internal static class TagRowMapper
{
    public static TagAssignmentRow ToRow(string customerId, TagAssignment a) => new()
    {
        CustomerId = customerId,
        Tag = a.Tag,
        Value = ValueText.Format(a.Value),
        AssignedAtUtc = Providers.Utc(a.AssignedAt),
        ExpiresAtUtc = Providers.Utc(a.ExpiresAt),
        Source = a.Source.ToString(),
        RuleVersion = a.RuleVersion,
        Version = 1,
    };

    public static TagAssignment ToAssignment(TagAssignmentRow row) =>
        new(row.Tag, ValueText.Parse(row.Value), Providers.Instant(row.AssignedAtUtc), Providers.Instant(row.ExpiresAtUtc), Enum.Parse<TagSource>(row.Source), row.RuleVersion);

    /// <summary>Whether the stored row already says what <paramref name="wanted"/> says (then nothing is written).</summary>
    public static bool SameContent(TagAssignmentRow stored, TagAssignmentRow wanted) =>
        stored.Value == wanted.Value && stored.AssignedAtUtc == wanted.AssignedAtUtc && stored.ExpiresAtUtc == wanted.ExpiresAtUtc
        && stored.Source == wanted.Source && stored.RuleVersion == wanted.RuleVersion;

    public static void CopyContent(TagAssignmentRow from, TagAssignmentRow to)
    {
        to.Value = from.Value;
        to.AssignedAtUtc = from.AssignedAtUtc;
        to.ExpiresAtUtc = from.ExpiresAtUtc;
        to.Source = from.Source;
        to.RuleVersion = from.RuleVersion;
    }

    public static TagHistoryRow ToRow(TagChange c, string? runId) => new()
    {
        CustomerId = c.CustomerId,
        Tag = c.Tag,
        Kind = c.Kind.ToString(),
        OldValue = ValueText.FormatOrNull(c.OldValue),
        NewValue = ValueText.FormatOrNull(c.NewValue),
        AtUtc = Providers.Utc(c.At),
        Source = c.Source.ToString(),
        RuleVersion = c.RuleVersion,
        Reason = c.Reason,
        RunId = runId,
    };

    public static TagChange ToChange(TagHistoryRow row) =>
        new(row.CustomerId, row.Tag, Enum.Parse<TagChangeKind>(row.Kind), ValueText.ParseOrNull(row.OldValue), ValueText.ParseOrNull(row.NewValue),
            Providers.Instant(row.AtUtc), Enum.Parse<TagSource>(row.Source), row.RuleVersion, row.Reason);

    public static void CopyDecision(ManualTagDecision d, ManualDecisionRow row)
    {
        row.CustomerId = d.CustomerId;
        row.Tag = d.Tag;
        row.Action = d.Action.ToString();
        row.Value = ValueText.Format(d.Value);
        row.DecidedBy = d.DecidedBy;
        row.Reason = d.Reason;
        row.DecidedAtUtc = Providers.Utc(d.DecidedAt);
        row.Status = d.Status.ToString();
        row.ReviewedBy = d.ReviewedBy;
        row.EffectiveFromUtc = Providers.Utc(d.EffectiveFrom);
        row.EffectiveUntilUtc = Providers.Utc(d.EffectiveUntil);
    }

    public static ManualTagDecision ToDecision(ManualDecisionRow row) =>
        ManualTagDecision.Restore(row.CustomerId, row.Tag, Enum.Parse<ManualAction>(row.Action), ValueText.Parse(row.Value), row.DecidedBy, row.Reason,
            Providers.Instant(row.DecidedAtUtc), Enum.Parse<ReviewStatus>(row.Status), row.ReviewedBy,
            Providers.Instant(row.EffectiveFromUtc), Providers.Instant(row.EffectiveUntilUtc));
}
