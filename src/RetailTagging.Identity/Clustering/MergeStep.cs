namespace RetailTagging.Identity;

/// <summary>Why two groups of records were joined.</summary>
public enum MergeReasonKind
{
    /// <summary>A deterministic rule matched.</summary>
    Rule,
    /// <summary>A fuzzy score reached the auto-merge threshold.</summary>
    Fuzzy,
    /// <summary>A person approved a review item or merged the customers by hand.</summary>
    Decision,
}

/// <summary>
/// One merge in a customer's history: which records were on each side, and why they were joined.
/// Undo it with <see cref="IdentityResolver.UnmergeAsync"/>.
/// </summary>
/// <param name="Sequence">The step's position in the customer's history (0 = first merge).</param>
/// <param name="LeftRecordIds">The records of the surviving side (it holds the customer's oldest record).</param>
/// <param name="RightRecordIds">The records joined to it.</param>
/// <param name="Kind">The kind of reason.</param>
/// <param name="Reason">The rule and shared value, the score, or the decision.</param>
/// <param name="Score">The fuzzy score, for fuzzy merges.</param>
/// <param name="DecisionId">The decision, for decision merges.</param>
public sealed record MergeStep(
    int Sequence,
    IReadOnlyList<string> LeftRecordIds,
    IReadOnlyList<string> RightRecordIds,
    MergeReasonKind Kind,
    string Reason,
    double? Score = null,
    string? DecisionId = null);
