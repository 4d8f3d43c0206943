using System.Security.Cryptography;
using System.Text;

namespace RetailTagging.Identity;

/// <summary>What a person decided.</summary>
public enum DecisionKind
{
    /// <summary>The records belong together (review approved, or a manual merge).</summary>
    Link,
    /// <summary>No record of the left side may share a customer with a record of the right side (review rejected, or an unmerge).</summary>
    Separate,
}

/// <summary>
/// A person's decision, kept in the store and respected by every later resolution: a must-link
/// between two records or a cannot-link between two sets of records.
/// </summary>
public sealed record IdentityDecision
{
    /// <summary>Creates a decision; the id is derived from the content, so the same decision made twice is one decision.</summary>
    public IdentityDecision(DecisionKind kind, IReadOnlyList<string> leftRecordIds, IReadOnlyList<string> rightRecordIds, DateTimeOffset decidedAt)
    {
        ArgumentNullException.ThrowIfNull(leftRecordIds);
        ArgumentNullException.ThrowIfNull(rightRecordIds);
        if (leftRecordIds.Count == 0 || rightRecordIds.Count == 0 || leftRecordIds.Concat(rightRecordIds).Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A decision needs at least one record id on each side, none empty.");
        }
        if (kind == DecisionKind.Link && (leftRecordIds.Count != 1 || rightRecordIds.Count != 1))
        {
            throw new ArgumentException("A link decision joins exactly one record to one record.");
        }
        var left = leftRecordIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var right = rightRecordIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (left.Intersect(right, StringComparer.Ordinal).Any())
        {
            throw new ArgumentException("A record cannot be on both sides of a decision.");
        }
        if (string.CompareOrdinal(left[0], right[0]) > 0)
        {
            (left, right) = (right, left);
        }
        Kind = kind;
        LeftRecordIds = left;
        RightRecordIds = right;
        DecidedAt = decidedAt;
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\u001F{string.Join('\u001E', left)}\u001F{string.Join('\u001E', right)}"));
        Id = (kind == DecisionKind.Link ? "link-" : "separate-") + Convert.ToHexStringLower(digest, 0, 10);
    }

    /// <summary>A stable id derived from kind and records.</summary>
    public string Id { get; }

    /// <summary>The kind of decision.</summary>
    public DecisionKind Kind { get; }

    /// <summary>One side's records (sorted).</summary>
    public IReadOnlyList<string> LeftRecordIds { get; }

    /// <summary>The other side's records (sorted).</summary>
    public IReadOnlyList<string> RightRecordIds { get; }

    /// <summary>When it was decided.</summary>
    public DateTimeOffset DecidedAt { get; }

    /// <summary>Who decided.</summary>
    public string? DecidedBy { get; init; }

    /// <summary>Why.</summary>
    public string? Note { get; init; }

    /// <summary>The review item it answers, if any.</summary>
    public string? ReviewItemId { get; init; }
}
