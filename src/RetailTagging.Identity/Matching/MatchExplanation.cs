namespace RetailTagging.Identity;

/// <summary>One field's part in a fuzzy score.</summary>
/// <param name="Field">The field compared.</param>
/// <param name="Method">How it was compared.</param>
/// <param name="Left">The left record's (folded) value, or null when absent.</param>
/// <param name="Right">The right record's (folded) value, or null when absent.</param>
/// <param name="Similarity">0..1; null when the field is missing on either side and did not count.</param>
/// <param name="Weight">The field's weight.</param>
public sealed record FieldSimilarity(string Field, ComparisonMethod Method, string? Left, string? Right, double? Similarity, double Weight);

/// <summary>Why two records scored what they scored.</summary>
/// <param name="LeftRecordId">One record.</param>
/// <param name="RightRecordId">The other record.</param>
/// <param name="Score">The weighted mean similarity of the fields present on both (0 when their weight is below the minimum).</param>
/// <param name="Fields">Every compared field.</param>
/// <param name="Note">Extra explanation, e.g. too little evidence.</param>
public sealed record MatchExplanation(string LeftRecordId, string RightRecordId, double Score, IReadOnlyList<FieldSimilarity> Fields, string? Note)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"score {Score:0.000}: " + string.Join(", ", Fields.Where(f => f.Similarity is not null)
            .Select(f => $"{f.Field} {f.Similarity:0.00}x{f.Weight:0.##} ('{f.Left}' vs '{f.Right}')"))
        + (Note is null ? "" : $"; {Note}");
}
