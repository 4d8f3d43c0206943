namespace RetailTagging.Identity;

/// <summary>One field's part in a fuzzy score.</summary>
/// <param name="Field">The field compared.</param>
/// <param name="Method">How it was compared.</param>
/// <param name="Left">The left record's (folded) value, or null when absent.</param>
/// <param name="Right">The right record's (folded) value, or null when absent.</param>
/// <param name="Similarity">0..1; null when the field is missing on either side.</param>
/// <param name="Weight">Bits of evidence the field contributed (0 when missing).</param>
public sealed record FieldEvidence(string Field, ComparisonMethod Method, string? Left, string? Right, double? Similarity, double Weight);

/// <summary>Why two records scored what they scored.</summary>
/// <param name="LeftRecordId">One record.</param>
/// <param name="RightRecordId">The other record.</param>
/// <param name="Score">The match probability, 1 / (1 + 2^-(prior + evidence)).</param>
/// <param name="PriorWeight">The prior, in bits.</param>
/// <param name="Fields">Every compared field with its evidence.</param>
public sealed record MatchExplanation(string LeftRecordId, string RightRecordId, double Score, double PriorWeight, IReadOnlyList<FieldEvidence> Fields)
{
    /// <summary>The total evidence in bits (prior included).</summary>
    public double TotalWeight => PriorWeight + Fields.Sum(f => f.Weight);

    /// <inheritdoc />
    public override string ToString() =>
        $"p={Score:0.000} ({TotalWeight:+0.0;-0.0} bits: prior {PriorWeight:+0.0;-0.0}"
        + string.Concat(Fields.Where(f => f.Similarity is not null)
            .Select(f => $", {f.Field} '{f.Left}'~'{f.Right}' sim {f.Similarity:0.00} {f.Weight:+0.0;-0.0}"))
        + ")";
}
