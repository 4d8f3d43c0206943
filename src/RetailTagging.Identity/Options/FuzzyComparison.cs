namespace RetailTagging.Identity;

/// <summary>How a fuzzy comparison measures the similarity of two values.</summary>
public enum ComparisonMethod
{
    /// <summary>Jaro-Winkler string similarity (0..1).</summary>
    JaroWinkler,
    /// <summary>1 when equal, 0 otherwise.</summary>
    Exact,
    /// <summary>1 minus the edit distance over the longer length: one mistyped digit of a phone scores about 0.93.</summary>
    Levenshtein,
    /// <summary>Dates: 1 when equal, 0.75 when one of day/month/year differs or day and month are swapped, 0 otherwise.</summary>
    Date,
}

/// <summary>
/// One field compared when scoring a fuzzy candidate pair, Fellegi-Sunter style: agreement adds
/// <see cref="AgreeWeight"/> bits of evidence (log2 of how much likelier agreement is for the same
/// person than for different people), disagreement adds <see cref="DisagreeWeight"/> (usually
/// negative), partial similarity interpolates between them, a missing value adds nothing.
/// </summary>
public sealed class FuzzyComparison
{
    /// <summary>An identifier type or attribute name, optionally with a prefix/suffix length (see <see cref="MatchRule.Fields"/>).</summary>
    public string Field { get; set; } = "";

    /// <summary>The similarity measure.</summary>
    public ComparisonMethod Method { get; set; } = ComparisonMethod.JaroWinkler;

    /// <summary>Bits of evidence when the values agree (similarity 1).</summary>
    public double AgreeWeight { get; set; } = 1;

    /// <summary>Bits of evidence when they disagree (similarity at or below <see cref="PartialFloor"/>).</summary>
    public double DisagreeWeight { get; set; } = -1;

    /// <summary>Similarity at or below which values count as disagreeing; between it and 1 the weight is interpolated.</summary>
    public double PartialFloor { get; set; } = 0.6;
}
