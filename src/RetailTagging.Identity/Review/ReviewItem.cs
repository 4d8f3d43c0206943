namespace RetailTagging.Identity;

/// <summary>What a review item asks a person to decide.</summary>
public enum ReviewKind
{
    /// <summary>A fuzzy pair scored between the review and auto-merge thresholds.</summary>
    FuzzyMatch,
    /// <summary>A link was not made because the merged customer would exceed an identifier limit.</summary>
    LimitConflict,
    /// <summary>An identifier is shared by several customers (a family phone) and the record has nothing else to tell which.</summary>
    SharedIdentifier,
}

/// <summary>
/// A doubtful link waiting for a person. Approving links the two records' customers (even past a
/// limit); rejecting keeps them apart for good. Both are remembered by later runs.
/// </summary>
/// <param name="Id">A stable id derived from the two records.</param>
/// <param name="Kind">What is being asked.</param>
/// <param name="LeftRecordId">A record of one customer.</param>
/// <param name="RightRecordId">A record of the other customer.</param>
/// <param name="Reason">A human-readable explanation.</param>
/// <param name="Score">The fuzzy score, when there is one.</param>
/// <param name="Explanation">The field-by-field explanation of the score.</param>
public sealed record ReviewItem(
    string Id,
    ReviewKind Kind,
    string LeftRecordId,
    string RightRecordId,
    string Reason,
    double? Score = null,
    MatchExplanation? Explanation = null);
